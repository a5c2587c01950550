import type { AuditEntry } from '../contract/audit';

/**
 * One line saying what an audit entry records, for the Audit panel and the Markdown report
 * (both say the same). Payloads are read defensively: an entry written by another version of
 * Braid, or edited by hand, still gets a line.
 */
export function describeAuditEntry(entry: Pick<AuditEntry, 'type' | 'actor' | 'payload'>): string {
  const p = entry.payload;
  const text = (key: string): string => (typeof p[key] === 'string' ? (p[key] as string) : '');
  const num = (key: string): number | null => (typeof p[key] === 'number' ? (p[key] as number) : null);
  const reason = (key = 'reason') => (text(key) ? `: ${text(key)}` : '');
  // Where the deciding rule lives (a settings file, Braid's settings); Braid's own rules and modes have none.
  const fromSource = () => (text('source') ? ` from ${text('source')}` : '');
  const version = num('version') === null ? '' : ` v${num('version')}`;
  switch (entry.type) {
    case 'task.created':
      return `Task “${text('title')}” created (${text('role') || 'task'}${text('baseBranch') ? `, from ${text('baseBranch')}` : ''}${text('baseCommit') ? ` at ${short(text('baseCommit'))}` : ''})`;
    case 'task.deleted':
      return `Task “${text('title')}” deleted`;
    case 'workspace.archived':
      return `Workspace of “${text('title')}” archived (branch ${text('branch')} ${p.branchDeleted === true ? 'deleted' : 'kept'})`;
    case 'run.started':
      return 'Run started';
    case 'run.resumed':
      return 'Run resumed';
    case 'run.stopped':
      return `Run stopped${reason()}`;
    case 'run.interrupted':
      return `Run interrupted${reason()}`;
    case 'run.paused':
      return `Run paused${reason()}`;
    case 'run.finished':
      return text('status') && text('status') !== 'done' ? `Run finished (${text('status').replace(/_/g, ' ')})` : 'Run finished';
    case 'run.failed':
      return `Run failed${reason()}`;
    case 'tool.call': {
      const duration = num('durationMs');
      return `${text('name')} → ${text('outcome')}${duration === null ? '' : ` in ${formatDuration(duration)}`} (arguments sha256 ${short(text('argsDigest'), 12)})`;
    }
    case 'approval.requested':
      return `Approval asked for ${text('tool')}${reason()}${text('rule') ? ` (rule: ${text('rule')}${fromSource()})` : ''}`;
    case 'approval.decided': {
      const verdict = p.approved === true ? 'approved' : 'denied';
      if (entry.actor.startsWith('rule:')) return `${text('tool')} ${p.approved === true ? 'allowed' : 'denied'} by the rule “${entry.actor.slice(5)}”${fromSource()}`;
      return `${text('tool')} ${verdict} by ${entry.actor}${reason()}${text('savedRule') ? `; always allowed in this project by ${text('savedRule')}` : ''}`;
    }
    case 'plan.submitted':
      return `Plan${version} submitted: “${text('title')}”`;
    case 'plan.edited':
      return `Plan${version} edited by the user: “${text('title')}”`;
    case 'plan.approved':
      return `Plan${version} approved`;
    case 'plan.changes_requested': {
      const comments = Array.isArray(p.comments) ? p.comments.length : 0;
      return `Changes requested on plan${version}${reason('message')}${comments > 0 ? ` (${comments} comment${comments === 1 ? '' : 's'})` : ''}`;
    }
    case 'plan.rejected':
      return `Plan${version} rejected${reason('message')}`;
    case 'plan.submission_refused':
      return `Invalid plan refused (try ${num('attempt') ?? '?'})${p.failedTask === true ? ': the task failed' : ''}`;
    case 'plan.saved':
      return `Plan${version} saved to the repository as ${text('path')} (${text('commit').slice(0, 7)})`;
    case 'plan.implemented': {
      const tasks = Array.isArray(p.tasks) ? p.tasks.filter((task): task is Record<string, unknown> => typeof task === 'object' && task !== null) : [];
      const steps = tasks.map((task) => (Array.isArray(task.stepIds) ? task.stepIds.filter((id) => typeof id === 'string').join(', ') : '')).map((ids) => `[${ids}]`);
      return `Plan${version} implemented in ${tasks.length} task${tasks.length === 1 ? '' : 's'}${steps.length > 0 ? ` ${steps.join(' ')}` : ''}${text('baseCommit') ? ` from ${text('baseBranch')} at ${short(text('baseCommit'))}` : ''}`;
    }
    case 'step.updated':
      return `Step ${text('stepId')} of plan${version} ${(text('status') || 'updated').replace(/_/g, ' ')}${reason('note')}`;
    case 'review.submitted':
      return `Review${version}: ${text('verdict')}${num('confidence') === null ? '' : ` (confidence ${num('confidence')})`}, ${num('findings') ?? 0} finding${num('findings') === 1 ? '' : 's'}`;
    case 'finding.submitted':
      return `Finding ${text('priority')} “${text('title')}” at ${location(text('path'), num('lineStart'), num('lineEnd'))}`;
    case 'finding.sent':
      return `Finding ${text('priority')} “${text('title')}” sent to the implementer`;
    case 'finding.dismissed':
      return `Finding ${text('priority')} “${text('title')}” dismissed${reason()}`;
    case 'finding.addressed':
      return `Finding ${text('priority')} “${text('title')}” likely addressed (its lines changed)`;
    case 'finding.fixed':
      return `Finding ${text('priority')} “${text('title')}” fixed${reason()}`;
    case 'finding.reopened':
      return `Finding ${text('priority')} “${text('title')}” reopened`;
    case 'gate.override':
      return `${capitalise(text('gate') || 'a')} gate overridden${reason()}`;
    case 'merge.landed': {
      const files = Array.isArray(p.files) ? p.files.filter((file): file is string => typeof file === 'string') : [];
      const listed = files.slice(0, 5).join(', ') + (files.length > 5 ? `, … (${files.length - 5} more)` : '');
      return (
        `Merged (${text('strategy')}${p.selective === true ? ', selected changes' : ''}) into ${text('targetBranch')}: ` +
        `${short(text('targetBefore'))} → ${short(text('targetAfter'))}; ${files.length} file${files.length === 1 ? '' : 's'}${files.length > 0 ? `: ${listed}` : ''}`
      );
    }
    case 'subagent.started':
      return `Delegated to the subagent ${text('agent')} (depth ${num('depth') ?? '?'}, ${text('mode') || 'its parent’s'} mode, ${text('model') || 'its parent’s model'})`;
    case 'subagent.finished':
      return `The subagent ${text('agent')} answered (${(text('status') || 'ended').replace(/_/g, ' ')})`;
    case 'pipeline.created':
      return `Pipeline “${text('title')}” started: ${text('goal')}`;
    case 'pipeline.held':
      return `Pipeline held at ${text('stage') || 'a stage'}${reason()}`;
    case 'check.finished': {
      const code = num('exitCode');
      const duration = num('durationMs');
      return (
        `Check \`${text('command')}\` ${text('status') || 'finished'}${code === null ? '' : ` (exit ${code})`}` +
        `${duration === null ? '' : ` in ${formatDuration(duration)}`}${p.sandboxed === true ? ', sandboxed' : ''}${reason()}`
      );
    }
    default:
      return entry.type;
  }
}

function short(sha: string, length = 7): string {
  return sha.slice(0, length);
}

function location(path: string, start: number | null, end: number | null): string {
  if (start === null) return path;
  return end === null || end === start ? `${path}:${start}` : `${path}:${start}–${end}`;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
