import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { PermissionMode, RuleKind, RuleSourceId, TaskRole } from '../../../src-shared/contract';
import { realpathFollowingDanglingLinks } from '../paths/real-location';
import { analyzeCommand, type CommandPart } from './command-analysis';
import { locatePath, type CommandPlace } from './command-paths';
import { pathPatternMatches } from './path-rule';
import { reviewWriteOf } from './review-writes';
import { suggestedBashRule, type PermissionRule } from './rule-grammar';
import { subjectOf, type ToolSubject } from './tool-subject';

export interface RuleEntry {
  kind: RuleKind;
  rule: PermissionRule;
  source: RuleSourceId;
}

export interface EvaluationContext {
  tool: string;
  args: unknown;
  role: TaskRole;
  mode: PermissionMode;
  place: CommandPlace;
  /** Commands of this task run in the sandbox (writes confined to the workspace). */
  sandboxed: boolean;
  /** Every rule in force, in source order (`rule-sources.ts`). */
  rules: readonly RuleEntry[];
}

export type Decision = 'allow' | 'ask' | 'deny';

export interface PartVerdict {
  text: string;
  decision: Decision;
  rule: string;
  source: RuleSourceId | null;
  why: string;
}

export interface Verdict {
  decision: Decision;
  /** The rule that decided, as the user wrote it or as Braid names its built-in rules. */
  rule: string;
  source: RuleSourceId | null;
  reason: string;
  parts: PartVerdict[];
  /** What "Always allow in this project" would save; null when no rule could allow this call. */
  suggestedRule: string | null;
}

/** Commands longer than this always ask (as Claude Code does since 2.1.214). */
export const maxCommandLength = 10_000;

/** Files that make tools run code: accept edits still asks before writing them. */
const codeRunningFiles = [/^\.npmrc$/, /^\.yarnrc/, /^bunfig\.toml$/, /^\.devcontainer(\/|$)/, /^\.mcp\.json$/, /^\.claude(\/|$)/, /^\.braid(\/|$)/, /^\.envrc$/, /^\.husky(\/|$)/, /^\.vscode\/(tasks|settings)\.json$/];
const fileCommands = new Set(['mkdir', 'touch', 'mv', 'cp']);

/**
 * Decides one tool call. Order: Braid's hard-deny list, the read-only of plan (role or mode),
 * deny rules, a review task's evident writes into its workspace (`review-writes.ts`), ask rules, what no rule may approve (substitution, redirects out of the workspace,
 * …: full auto leans on the sandbox for those), allow rules, then the mode. Within a kind the
 * first matching rule (in source order) is the one named. A command line is decided part by
 * part: any deny denies, any ask asks, it is allowed only when every part is.
 */
export function evaluate(context: EvaluationContext): Verdict {
  const subject = subjectOf(context.tool, context.args);
  if (subject.kind === 'command') {
    const verdict = evaluateCommand(subject.command, context);
    // The card says what kind of command it is: one that keeps running after the turn.
    if (context.tool === 'start_service' && verdict.decision === 'ask') return { ...verdict, reason: `Starts a long-running command in the workspace that keeps running after this turn. ${verdict.reason}` };
    return verdict;
  }
  const verdict = evaluateSingle(subject, context);
  return { ...verdict, parts: [], suggestedRule: verdict.decision === 'ask' ? suggestionFor(subject, context) : null };
}

function single(decision: Decision, rule: string, source: RuleSourceId | null, reason: string): Omit<Verdict, 'parts' | 'suggestedRule'> {
  return { decision, rule, source, reason };
}

function evaluateSingle(subject: ToolSubject, context: EvaluationContext): Omit<Verdict, 'parts' | 'suggestedRule'> {
  const { tool } = context;
  const firstMatch = (kind: RuleKind) => context.rules.find((entry) => entry.kind === kind && ruleCovers(entry.rule, subject, context, kind));
  const readOnly = readOnlyRule(context);
  const denied = firstMatch('deny');
  if (denied) return single('deny', denied.rule.text, denied.source, `${denied.rule.text} denies ${tool}.`);
  const writes = subject.kind === 'edit' || subject.kind === 'mcp' || subject.kind === 'other' || subject.kind === 'fetch';
  if (readOnly && writes) return single('deny', readOnly, null, readOnlyReason(readOnly));
  if (context.role === 'review' && subject.kind === 'edit') return single('deny', reviewNeverEdits, null, `${reviewReason} (${tool} ${subject.path}).`);
  const asked = firstMatch('ask');
  if (asked) return single('ask', asked.rule.text, asked.source, `${asked.rule.text} asks before ${tool}.`);
  const allowed = firstMatch('allow');
  if (allowed) return single('allow', allowed.rule.text, allowed.source, `${allowed.rule.text} allows ${tool}.`);
  switch (subject.kind) {
    case 'read':
    case 'read-only':
      return single('allow', 'read tools allowed', null, 'Reading inside the workspace is allowed in every mode.');
    case 'own-service':
      return single('allow', 'stopping own services allowed', null, 'Only the task’s own services can be stopped.');
    case 'agent':
      return single('allow', 'delegation allowed', null, 'A subagent’s own tool calls are checked as they come.');
    case 'edit': {
      if (context.mode === 'fullAuto') return single('allow', 'full auto mode', null, 'Full auto runs everything that is not denied.');
      if (context.mode === 'acceptEdits') {
        const inside = relative(context.place.worktree, resolve(context.place.worktree, subject.path)).split(sep).join('/');
        if (codeRunningFiles.some((pattern) => pattern.test(inside))) {
          return single('ask', 'accept edits asks for files that run code', null, `${inside} configures tools that run code; accept edits still asks.`);
        }
        return single('allow', 'accept edits mode', null, 'Accept edits allows edits inside the workspace.');
      }
      return single('ask', 'ask mode', null, `Edits ${subject.path}.`);
    }
    default:
      if (context.mode === 'fullAuto') return single('allow', 'full auto mode', null, 'Full auto runs everything that is not denied.');
      return single('ask', 'ask mode', null, subject.kind === 'mcp' ? 'Calls a tool of an MCP server outside Braid.' : `Runs ${tool}.`);
  }
}

function evaluateCommand(command: string, context: EvaluationContext): Verdict {
  const analysis = analyzeCommand(command, context.place);
  const parts = analysis.parts.map((part) => evaluatePart(part, context));
  const denied = parts.find((part) => part.decision === 'deny');
  if (denied) return { ...fromPart(denied, command), parts, suggestedRule: null };
  if (analysis.problem) {
    return { decision: 'ask', rule: 'commands Braid cannot read ask', source: null, reason: `Braid could not read this command line (${analysis.problem}), so it cannot check it part by part.`, parts, suggestedRule: null };
  }
  if (command.length > maxCommandLength) {
    return { decision: 'ask', rule: 'long commands ask', source: null, reason: `Commands over ${maxCommandLength.toLocaleString('en-US')} characters always ask.`, parts, suggestedRule: null };
  }
  const asked = parts.find((part) => part.decision === 'ask');
  if (asked) {
    const index = parts.indexOf(asked);
    const part = analysis.parts[index]!;
    const suggestion = asked.rule === 'ask mode' || asked.rule === 'plan asks' || asked.rule === 'accept edits asks for commands' ? suggestedBashRule(part.text) : null;
    return { ...fromPart(asked, command), parts, suggestedRule: suggestion };
  }
  if (parts.length === 0) return { decision: 'allow', rule: 'nothing to run', source: null, reason: 'The command line runs nothing.', parts, suggestedRule: null };
  const rules = [...new Set(parts.map((part) => part.rule))];
  const sources = [...new Set(parts.map((part) => part.source))];
  return {
    decision: 'allow',
    rule: rules.join(' + '),
    source: sources.length === 1 ? sources[0]! : (parts[0]!.source ?? null),
    reason: parts.length === 1 ? parts[0]!.why : `Every part is allowed: ${parts.map((part) => `${part.text} (${part.rule})`).join('; ')}.`,
    parts,
    suggestedRule: null,
  };
}

function fromPart(part: PartVerdict, command: string): Omit<Verdict, 'parts' | 'suggestedRule'> {
  const whole = command.trim() !== part.text.trim();
  return { decision: part.decision, rule: part.rule, source: part.source, reason: whole ? `${part.text}: ${part.why}` : part.why };
}

function evaluatePart(part: CommandPart, context: EvaluationContext): PartVerdict {
  const verdict = (decision: Decision, rule: string, source: RuleSourceId | null, why: string): PartVerdict => ({ text: part.text || '(redirect only)', decision, rule, source, why });
  if (part.hardDeny) return verdict('deny', `hard deny: ${part.hardDeny.id}`, 'built-in', `Braid never allows this, in any mode: ${part.hardDeny.reason}.`);
  const matching = (kind: RuleKind, both: boolean) =>
    context.rules.find((entry) => entry.kind === kind && entry.rule.tool === 'Bash' && bashMatches(entry.rule.pattern, part, both));
  const named = (kind: RuleKind) => context.rules.find((entry) => entry.kind === kind && namedCovers(entry.rule, context));
  const denied = matching('deny', false) ?? named('deny');
  if (denied) return verdict('deny', denied.rule.text, denied.source, `${denied.rule.text} denies it.`);
  const readOnly = readOnlyRule(context);
  if (readOnly) return verdict('deny', readOnly, null, readOnlyReason(readOnly));
  const reviewWrite = context.role === 'review' ? reviewWriteOf(part, context.place) : null;
  if (reviewWrite) return verdict('deny', reviewNeverEdits, null, `${reviewReason}: ${reviewWrite}.`);
  const asked = matching('ask', false) ?? named('ask');
  if (asked) return verdict('ask', asked.rule.text, asked.source, `${asked.rule.text} asks first.`);
  if (part.concerns.length > 0) {
    const concerns = part.concerns.map((concern) => concern.text).join('; ');
    if (context.mode === 'fullAuto' && context.sandboxed) return verdict('allow', 'full auto in the sandbox', null, `Full auto runs it inside the sandbox, which confines what it writes (${concerns}).`);
    return verdict('ask', 'never approved by a rule', null, `No rule approves this by itself: ${concerns}.`);
  }
  const allowed = matching('allow', true) ?? named('allow');
  if (allowed) return verdict('allow', allowed.rule.text, allowed.source, `${allowed.rule.text} allows it.`);
  if (context.mode === 'fullAuto') return verdict('allow', 'full auto mode', null, 'Full auto runs everything that is not denied.');
  if (part.program === null) return verdict('allow', 'nothing to run', null, 'It only sets variables or redirects inside the workspace.');
  if (context.mode === 'acceptEdits') {
    if (isFileCommandInside(part, context.place)) return verdict('allow', 'accept edits mode', null, `Accept edits allows ${part.program} inside the workspace.`);
    return verdict('ask', 'accept edits asks for commands', null, 'Accept edits asks before commands other than mkdir, touch, mv and cp inside the workspace.');
  }
  return verdict('ask', 'ask mode', null, 'Ask mode asks before every command no rule allows.');
}

/** A Bash pattern against a part: for allow both the text as written and unquoted must match; for deny and ask either. */
function bashMatches(pattern: RegExp | null, part: CommandPart, both: boolean): boolean {
  if (pattern === null) return true;
  const raw = pattern.test(part.text.replace(/\s+/g, ' ').trim());
  const normalized = pattern.test(part.normalized.replace(/\s+/g, ' ').trim());
  return both ? raw && normalized : raw || normalized;
}

/** Rules that name the tool itself (`run_command`) or one of its arguments (`Bash(run_in_background:true)`). */
function namedCovers(rule: PermissionRule, context: EvaluationContext): boolean {
  if (rule.tool === 'named') return rule.name === context.tool;
  if (rule.tool === 'param') {
    const applies = rule.target === context.tool || (rule.target === 'Bash' && subjectOf(context.tool, context.args).kind === 'command') || (rule.target === 'Agent' && subjectOf(context.tool, context.args).kind === 'agent');
    const input = context.args !== null && typeof context.args === 'object' ? (context.args as Record<string, unknown>) : {};
    return applies && rule.param in input && String(input[rule.param]) === rule.value;
  }
  return false;
}

function ruleCovers(rule: PermissionRule, subject: ToolSubject, context: EvaluationContext, kind: RuleKind): boolean {
  if (namedCovers(rule, context)) return true;
  switch (subject.kind) {
    case 'read':
      return (rule.tool === 'Read' || rule.tool === 'Glob' || rule.tool === 'Grep') && pathCovers(rule.path, subject.path, context.place, kind);
    case 'edit':
      return (rule.tool === 'Edit' || rule.tool === 'Write' || rule.tool === 'NotebookEdit') && pathCovers(rule.path, subject.path, context.place, kind);
    case 'mcp':
      return rule.tool === 'mcp' && rule.server === subject.server && (rule.name === null || rule.name === subject.name);
    case 'fetch':
      return rule.tool === 'WebFetch' && domainCovers(rule.domain, subject.url);
    case 'agent':
      return rule.tool === 'Agent' && (rule.name === null || rule.name === subject.name);
    default:
      return false;
  }
}

/** Symlinks: an allow must cover both the path and where it leads; a deny or ask either. */
function pathCovers(pattern: string | null, requested: string, place: CommandPlace, kind: RuleKind): boolean {
  if (pattern === null) return true;
  const lexical = isAbsolute(requested) ? resolve(requested) : resolve(place.worktree, requested);
  const real = realpathFollowingDanglingLinks(lexical) ?? lexical;
  const lexicalMatch = pathPatternMatches(pattern, lexical, place);
  const realMatch = pathPatternMatches(pattern, real, place);
  return kind === 'allow' ? lexicalMatch && realMatch : lexicalMatch || realMatch;
}

function domainCovers(domain: string | null, url: string): boolean {
  if (domain === null) return true;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (domain.startsWith('*.')) return host.endsWith(domain.slice(1)) || host === domain.slice(2);
  return host === domain;
}

/** A review task works in another task's workspace and may run its tests, never change it (in every mode). */
const reviewNeverEdits = 'review role never edits';
const reviewReason = 'A review task never edits the workspace it reviews; report what should change as a finding';

function readOnlyRule(context: EvaluationContext): string | null {
  if (context.role === 'plan') return 'plan role is read-only';
  if (context.mode === 'plan') return 'plan mode is read-only';
  return null;
}

function readOnlyReason(rule: string): string {
  return rule === 'plan role is read-only'
    ? 'A planning task is read-only: it may not edit files, run commands or call outside tools.'
    : 'Plan mode is read-only: switch the task to another mode to edit files, run commands or call outside tools.';
}

/** mkdir, touch, mv and cp whose every path argument is inside the workspace (and not in .git). */
function isFileCommandInside(part: CommandPart, place: CommandPlace): boolean {
  if (!part.program || !fileCommands.has(part.program)) return false;
  const paths = part.words.slice(1).filter((word) => !word.value.startsWith('-'));
  if (paths.length === 0) return false;
  return paths.every((word) => {
    const location = locatePath(word, part.cwd, place);
    return location.kind === 'inside' && !location.git;
  });
}

function suggestionFor(subject: ToolSubject, context: EvaluationContext): string | null {
  switch (subject.kind) {
    case 'edit': {
      const inside = relative(context.place.worktree, resolve(context.place.worktree, subject.path)).split(sep).join('/');
      if (inside === '' || inside.startsWith('..')) return null;
      const folder = inside.includes('/') ? inside.slice(0, inside.lastIndexOf('/')) : null;
      return folder ? `Edit(/${folder}/**)` : `Edit(/${inside})`;
    }
    case 'mcp':
      return `mcp__${subject.server}__${subject.name}`;
    case 'fetch': {
      try {
        return `WebFetch(domain:${new URL(subject.url).hostname})`;
      } catch {
        return null;
      }
    }
    case 'agent':
      return `Agent(${subject.name})`;
    case 'other':
      return context.tool;
    default:
      return null;
  }
}
