import type { AuditEntryType, FindingStatus, TaskStatus } from '../../../src-shared/contract';
import type { DomainEventBus } from '../events';
import type { AuditLog } from './audit-log';
import type { TaskScopes } from './task-scopes';
import type { ToolCallLedger } from './tool-call-ledger';

/** How a status ends a run, for the audit: the entry type and who ended it. */
const runEnds: Partial<Record<TaskStatus, { type: AuditEntryType; actor: string }>> = {
  done: { type: 'run.finished', actor: 'agent' },
  plan_review: { type: 'run.finished', actor: 'agent' },
  stopped: { type: 'run.stopped', actor: 'user' },
  interrupted: { type: 'run.interrupted', actor: 'braid' },
  paused: { type: 'run.paused', actor: 'braid' },
  failed: { type: 'run.failed', actor: 'braid' },
};

const findingMoves: Partial<Record<FindingStatus, AuditEntryType>> = {
  sent: 'finding.sent',
  dismissed: 'finding.dismissed',
  addressed: 'finding.addressed',
  fixed: 'finding.fixed',
  open: 'finding.reopened',
};

/**
 * The audit entries for the facts other services publish as domain events: tasks created,
 * deleted and archived, runs started and ended, the permission policy's decisions, merges,
 * gate overrides, plan versions, decisions and implementations, implement steps marked, reviews and findings,
 * delegations to subagents and their ends, pipelines started and held, checks run.
 */
export function auditDomainEvents(events: DomainEventBus, log: AuditLog, scopes: TaskScopes, calls: ToolCallLedger): void {
  events.on('task.created', ({ task, actor }) => {
    scopes.remember(task.id, { projectId: task.projectId, pipelineId: task.pipelineId });
    log.append(task.projectId, {
      actor: actor ?? 'user',
      type: 'task.created',
      taskId: task.id,
      pipelineId: task.pipelineId,
      payload: {
        title: task.title,
        role: task.role,
        prompt: task.prompt,
        model: task.agent.model,
        baseBranch: task.workspace.baseBranch,
        baseCommit: task.workspace.baseCommit,
        branch: task.workspace.branch,
      },
    });
  });
  events.on('task.changed', ({ task }) => scopes.remember(task.id, { projectId: task.projectId, pipelineId: task.pipelineId }));
  events.on('task.removed', ({ projectId, taskId, pipelineId, title, cause }) => {
    scopes.forget(taskId);
    calls.forgetTask(taskId);
    // An archive is recorded as such (`workspace.archived`, with what became of the branch).
    if (cause === 'deleted') log.append(projectId, { actor: 'user', type: 'task.deleted', taskId, pipelineId, payload: { title } });
  });
  events.on('workspace.archived', ({ projectId, taskId, pipelineId, title, branch, branchDeleted }) =>
    log.append(projectId, { actor: 'user', type: 'workspace.archived', taskId, pipelineId, payload: { title, branch, branchDeleted } }),
  );
  events.on('project.removed', ({ projectId }) => {
    log.forgetProject(projectId);
    scopes.forgetProject(projectId);
  });

  events.on('agent.statusChanged', ({ taskId, projectId, pipelineId, status, reason, runStart }) => {
    scopes.remember(taskId, { projectId, pipelineId });
    if (runStart) {
      log.append(projectId, { actor: 'user', type: runStart === 'resume' ? 'run.resumed' : 'run.started', taskId, pipelineId, payload: {} });
      return;
    }
    const end = runEnds[status];
    if (!end) return;
    // The run is over: none of its calls waits for a result any more.
    calls.forgetTask(taskId);
    log.append(projectId, { actor: end.actor, type: end.type, taskId, pipelineId, payload: { status, reason } });
  });
  events.on('agent.permissionDecided', ({ taskId, projectId, pipelineId, callId, tool, args, decision, rule, source, reason }) => {
    calls.note(taskId, callId, tool, args);
    const digest = calls.describe(taskId, callId)?.argsDigest ?? null;
    if (decision === 'ask') {
      // The rule decided to ask: the request is its decision; the answer is the user's (from the timeline).
      log.append(projectId, { actor: `rule:${rule}`, type: 'approval.requested', taskId, pipelineId, payload: { callId, tool, argsDigest: digest, reason, rule, source } });
      return;
    }
    log.append(projectId, {
      actor: `rule:${rule}`,
      type: 'approval.decided',
      taskId,
      pipelineId,
      payload: { callId, tool, argsDigest: digest, approved: decision === 'allow', reason, rule, source },
    });
  });

  events.on('merge.landed', ({ projectId, taskId, pipelineId, workspaceId, strategy, selective, files, targetBranch, targetBefore, targetAfter }) =>
    log.append(projectId, {
      actor: 'user',
      type: 'merge.landed',
      taskId,
      pipelineId,
      payload: { workspaceId, strategy, selective, targetBranch, targetBefore, targetAfter, files },
    }),
  );
  events.on('gate.overridden', ({ projectId, taskId, pipelineId, gate, reason, details }) =>
    log.append(projectId, { actor: 'user', type: 'gate.override', taskId, pipelineId, payload: { gate, reason, details } }),
  );

  events.on('plan.versionAdded', ({ projectId, taskId, pipelineId, version, author, status, basedOn, title, contentHash }) =>
    log.append(projectId, {
      actor: author,
      type: author === 'user' ? 'plan.edited' : 'plan.submitted',
      taskId,
      pipelineId,
      payload: { version, title, contentHash, status, basedOn },
    }),
  );
  events.on('plan.decided', ({ projectId, taskId, pipelineId, version, contentHash, decision }) =>
    log.append(projectId, {
      actor: 'user',
      type: `plan.${decision.kind}`,
      taskId,
      pipelineId,
      payload: { version, contentHash, message: decision.message, comments: decision.comments },
    }),
  );
  events.on('plan.submissionRefused', ({ projectId, taskId, pipelineId, attempt, issues, failedTask }) =>
    log.append(projectId, { actor: 'agent', type: 'plan.submission_refused', taskId, pipelineId, payload: { attempt, issues, failedTask } }),
  );
  events.on('plan.saved', ({ projectId, taskId, pipelineId, version, contentHash, workspaceTaskId, path, commit }) =>
    log.append(projectId, { actor: 'user', type: 'plan.saved', taskId, pipelineId, payload: { version, contentHash, workspaceTaskId, path, commit } }),
  );
  events.on('plan.implemented', ({ projectId, taskId, pipelineId, version, contentHash, baseBranch, baseCommit, tasks, actor }) =>
    log.append(projectId, { actor: actor ?? 'user', type: 'plan.implemented', taskId, pipelineId, payload: { version, contentHash, baseBranch, baseCommit, tasks } }),
  );
  events.on('plan.stepUpdated', ({ projectId, taskId, pipelineId, planTaskId, version, stepId, status, note }) =>
    log.append(projectId, { actor: 'agent', type: 'step.updated', taskId, pipelineId, payload: { planTaskId, version, stepId, status, note } }),
  );
  events.on('review.submitted', ({ projectId, taskId, pipelineId, reviewedTaskId, version, verdict, confidence, findings }) => {
    log.append(projectId, { actor: 'agent', type: 'review.submitted', taskId, pipelineId, payload: { version, reviewedTaskId, verdict, confidence, findings: findings.length } });
    for (const finding of findings) {
      log.append(projectId, {
        actor: 'agent',
        type: 'finding.submitted',
        taskId,
        pipelineId,
        payload: { findingId: finding.id, reviewVersion: version, reviewedTaskId, title: finding.title, priority: finding.priority, path: finding.path, lineStart: finding.lineStart, lineEnd: finding.lineEnd },
      });
    }
  });
  events.on('subagent.started', ({ projectId, taskId, pipelineId, callId, childTaskId, agent, source, depth, mode, model, notes }) =>
    log.append(projectId, { actor: 'agent', type: 'subagent.started', taskId, pipelineId, payload: { callId, childTaskId, agent, source, depth, mode, model, notes } }),
  );
  events.on('subagent.finished', ({ projectId, taskId, pipelineId, callId, childTaskId, agent, status }) =>
    log.append(projectId, { actor: 'agent', type: 'subagent.finished', taskId, pipelineId, payload: { callId, childTaskId, agent, status } }),
  );
  events.on('finding.statusChanged', ({ projectId, taskId, pipelineId, reviewedTaskId, findingId, title, priority, status, reason, actor }) => {
    const type = findingMoves[status];
    if (type) log.append(projectId, { actor, type, taskId, pipelineId, payload: { findingId, reviewedTaskId, title, priority, reason } });
  });

  events.on('pipeline.created', ({ projectId, pipelineId, title, goal, models }) =>
    log.append(projectId, { actor: 'user', type: 'pipeline.created', pipelineId, payload: { title, goal, models } }),
  );
  events.on('pipeline.held', ({ projectId, pipelineId, taskId, stage, message }) =>
    log.append(projectId, { actor: 'braid', type: 'pipeline.held', taskId, pipelineId, payload: { stage, reason: message } }),
  );
  // The check's output stays with the check (it may be long); the trail keeps how it ended.
  events.on('check.finished', ({ projectId, pipelineId, check }) =>
    log.append(projectId, {
      actor: 'braid',
      type: 'check.finished',
      taskId: check.taskId,
      pipelineId,
      payload: { checkId: check.id, command: check.command, status: check.status, exitCode: check.exitCode, reason: check.reason, sandboxed: check.sandboxed, durationMs: check.finishedAt === null ? null : check.finishedAt - check.startedAt },
    }),
  );
}
