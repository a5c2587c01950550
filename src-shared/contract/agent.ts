import { z } from 'zod';
import { effectiveModeSchema, permissionModeSchema, ruleSourceIdSchema } from './permissions';
import { planCommentSchema } from './plans';
import { givenRuleSchema } from './rules';
import { commandInvocationSchema, commandTaskLinkSchema } from './slash-commands';
import { includeLinkModeSchema, scriptOutcomeSchema, workspaceConfigKindSchema, workspaceScriptKindSchema } from './workspace-setup';

/**
 * What a task's agent is doing. `queued`: waiting for a free slot under the concurrency
 * limit. `needs_approval`: a tool call waits for the user. `needs_input`: the agent asked the
 * user a question and waits for the answer. `plan_review`: a plan task's run ended with a plan
 * that waits at the approval gate. `paused`: a step or cost limit was reached. `interrupted`:
 * the host stopped while it ran (Resume continues).
 */
export const taskStatuses = ['idle', 'queued', 'running', 'needs_approval', 'needs_input', 'plan_review', 'paused', 'done', 'failed', 'interrupted', 'stopped'] as const;
export const taskStatusSchema = z.enum(taskStatuses);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** Statuses of a run that is under way (it holds a slot or waits for one): Stop applies, edits may land. */
export const busyTaskStatuses: readonly TaskStatus[] = ['queued', 'running', 'needs_approval', 'needs_input'];

export function isBusyStatus(status: TaskStatus): boolean {
  return busyTaskStatuses.includes(status);
}

export const usageTotalsSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cachedTokens: z.number(),
  /** Null when the model has no known price. */
  costUsd: z.number().nullable(),
});
export type UsageTotals = z.infer<typeof usageTotalsSchema>;

export const agentStateSchema = z.object({
  status: taskStatusSchema,
  /** Why it paused, failed or was interrupted, in words a user can act on. */
  statusReason: z.string().nullable(),
  /** `<provider>:<model>`; null means "the role's default". */
  model: z.string().nullable(),
  /** What the task has used, its subagents' use included. */
  usage: usageTotalsSchema,
  /** The part of `usage` its subagents used (all levels); null when it has none. */
  subagentUsage: usageTotalsSchema.nullable(),
  /** Tokens of the last request's context, against the model's window (the gauge). */
  contextTokens: z.number(),
  contextWindow: z.number(),
  /** Messages sent while the agent ran, delivered at its next step. */
  queuedMessages: z.number(),
  stepCount: z.number(),
  limits: z.object({ maxSteps: z.number().int().positive(), maxCostUsd: z.number().positive().nullable() }),
  /** The permission mode set on this task; null: it follows the project's or the role's default. */
  permissionMode: permissionModeSchema.nullable(),
  /** The mode in force and where it comes from (the badge). */
  mode: effectiveModeSchema,
});
export type AgentState = z.infer<typeof agentStateSchema>;

/** `awaiting_input`: an `ask_user` call waits for the user's answer. */
const toolCallStatus = z.enum(['pending', 'awaiting_approval', 'awaiting_input', 'running', 'done', 'error', 'denied', 'cancelled']);

/**
 * The task's timeline, append-only and stored as it streams. Everything the conversation
 * view shows is one of these; the model's context is rebuilt from them too.
 */
export const timelineEventBodySchema = z.discriminatedUnion('kind', [
  /**
   * What the model is told. When the user ran a slash command, `command` names it with its
   * arguments and `text` is the expanded prompt (shown folded under the command).
   */
  z.object({ kind: z.literal('user_message'), text: z.string(), command: commandInvocationSchema.optional() }),
  /** A piece of streamed assistant text; consecutive pieces of one step form one message. */
  z.object({ kind: z.literal('assistant_text'), step: z.number(), text: z.string() }),
  /** The agent's reasoning as an external agent streams it: shown folded, never part of the answer. */
  z.object({ kind: z.literal('assistant_thought'), step: z.number(), text: z.string() }),
  /**
   * The answer of `step` was cut before the model finished it: Braid stopped or crashed
   * (`interrupted`) or the user pressed Stop (`stopped`). Its text is shown as incomplete and left
   * out of the model's view, so the next run asks the model again instead of building on it.
   */
  z.object({ kind: z.literal('answer_incomplete'), step: z.number(), reason: z.enum(['interrupted', 'stopped']) }),
  z.object({ kind: z.literal('tool_call'), step: z.number(), callId: z.string(), name: z.string(), args: z.unknown() }),
  /**
   * What an external agent said about one of its calls after announcing it: a title for people
   * ("Write hello.txt"), its kind (ACP's read, edit, execute, …), the files it touches, and its
   * arguments once known (they replace the call's). Braid's own agent never sends these.
   */
  z.object({
    kind: z.literal('tool_info'),
    callId: z.string(),
    title: z.string(),
    toolKind: z.string().nullable(),
    locations: z.array(z.string()),
    args: z.unknown().optional(),
  }),
  /**
   * A file change an external agent reported for a call: the text before (null for a new file) and
   * after, of the whole file or the part it replaced. Each text is capped (`truncated`).
   */
  z.object({ kind: z.literal('file_diff'), callId: z.string(), path: z.string(), oldText: z.string().nullable(), newText: z.string(), truncated: z.boolean() }),
  z.object({ kind: z.literal('tool_status'), callId: z.string(), status: toolCallStatus }),
  z.object({ kind: z.literal('tool_output'), callId: z.string(), chunk: z.string() }),
  z.object({
    kind: z.literal('tool_result'),
    callId: z.string(),
    isError: z.boolean(),
    /** What the model is given (capped). */
    text: z.string(),
    durationMs: z.number(),
  }),
  /**
   * A call the rules want a human for. `rule` is the rule (or mode) that asked and `source`
   * where it lives (null: Braid's own); `suggestedRule` is what "Always allow in this project"
   * offers to save (null when no rule could allow the call).
   */
  z.object({
    kind: z.literal('approval_request'),
    callId: z.string(),
    name: z.string(),
    args: z.unknown(),
    reason: z.string(),
    rule: z.string().optional(),
    source: ruleSourceIdSchema.nullable().optional(),
    suggestedRule: z.string().nullable().optional(),
  }),
  /** The user's answer; `savedRule` is the rule "Always allow in this project" saved with it. */
  z.object({ kind: z.literal('approval_decision'), callId: z.string(), approved: z.boolean(), reason: z.string().nullable(), savedRule: z.string().nullable().optional() }),
  /** A call the rules decided without asking: allowed or denied by `rule` from `source` (null: Braid's built-in rules and modes). */
  z.object({ kind: z.literal('permission'), callId: z.string(), decision: z.enum(['allow', 'deny']), rule: z.string(), source: ruleSourceIdSchema.nullable() }),
  /** The agent asked the user (`ask_user`) and the run waits; asked again (a new event) when a resumed run re-runs the call. */
  z.object({ kind: z.literal('question'), callId: z.string(), question: z.string(), choices: z.array(z.string()) }),
  /** The user's answer to the question of `callId` (the call's result tells the model the same). */
  z.object({ kind: z.literal('answer'), callId: z.string(), answer: z.string() }),
  /**
   * A new version of the task's plan: submitted by the agent (`submit_plan`) or edited by the
   * user. A user's version carries its Markdown, so the agent's context learns of the edit.
   */
  z.object({ kind: z.literal('plan_version'), version: z.number().int().positive(), author: z.enum(['agent', 'user']), title: z.string(), markdown: z.string().nullable() }),
  /**
   * A review task's agent submitted review `version` (`submit_review`): where the review card goes
   * in its conversation. The agent knows its own submission (the call is in its context).
   */
  z.object({
    kind: z.literal('review_version'),
    version: z.number().int().positive(),
    verdict: z.enum(['correct', 'incorrect']),
    findings: z.number().int().nonnegative(),
    /** Earlier findings the review says are fixed now. */
    fixed: z.number().int().nonnegative(),
  }),
  /** The user's decision on a plan version at the gate (the feedback of a change request also arrives as a user message). */
  z.object({
    kind: z.literal('plan_decision'),
    version: z.number().int().positive(),
    decision: z.enum(['approved', 'changes_requested', 'rejected']),
    message: z.string().nullable(),
    comments: z.array(planCommentSchema),
  }),
  z.object({
    kind: z.literal('usage'),
    step: z.number(),
    model: z.string(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    cachedTokens: z.number(),
    costUsd: z.number().nullable(),
  }),
  z.object({ kind: z.literal('error'), message: z.string(), code: z.string(), retryable: z.boolean() }),
  z.object({ kind: z.literal('retry'), attempt: z.number(), delayMs: z.number(), message: z.string() }),
  z.object({ kind: z.literal('status'), status: taskStatusSchema, reason: z.string().nullable() }),
  z.object({ kind: z.literal('todos'), todos: z.array(z.object({ content: z.string(), status: z.enum(['pending', 'in_progress', 'completed']) })) }),
  /**
   * An external agent's session (ACP) was set up for a run: `new`, `loaded` (the agent restored
   * its own session, `session/load`) or `transcript` (a new session given Braid's transcript,
   * for agents that cannot load one). The newest one is the session a later run loads.
   */
  z.object({
    kind: z.literal('engine_session'),
    sessionId: z.string(),
    how: z.enum(['new', 'loaded', 'transcript']),
    agent: z.string(),
    version: z.string().nullable(),
    loadable: z.boolean(),
  }),
  /** A prompt went to an external agent: every user message before this event was delivered with it. */
  z.object({ kind: z.literal('turn_started'), step: z.number() }),
  /** The external agent ended its turn (ACP's stop reason: end_turn, max_tokens, refusal, cancelled, …). */
  z.object({ kind: z.literal('turn_ended'), step: z.number(), stopReason: z.string() }),
  /** Everything before `upToSeq` is replaced by `summary` in the model's context. */
  z.object({ kind: z.literal('compaction'), summary: z.string(), upToSeq: z.number() }),
  /** `/clear`: later turns do not see anything before this event; the history stays for the user. */
  z.object({ kind: z.literal('context_cleared') }),
  /**
   * Rules the agent was given: at a run's start (`run`: the system prompt's rules, recorded when
   * they differ from the last run's) or the first time it read or edited `path` (`path`: the
   * nested `AGENTS.md` or the path rules that apply, whose `text` the model gets as a message).
   */
  z.object({
    kind: z.literal('rules_loaded'),
    trigger: z.enum(['run', 'path']),
    path: z.string().nullable(),
    rules: z.array(givenRuleSchema),
    /** Rules cut or left out for the budget, imports refused (outside, a cycle, too deep). */
    warnings: z.array(z.string()),
    /** What the model is told for a `path` trigger; null for `run` (the rules are in the system prompt). */
    text: z.string().nullable(),
  }),
  /** A built-in slash command's answer (`/help`, `/cost`, `/rules`, `/plan` …), for the user only: the model never sees it. */
  z.object({ kind: z.literal('command_output'), name: z.string(), arguments: z.string(), text: z.string(), tasks: z.array(commandTaskLinkSchema) }),
  /**
   * Ignored files brought from the main checkout into the new worktree (W3): the entries that
   * matched the include patterns (a folder counts once; `more` beyond the first 200) and those
   * left out, with why (a link leading out of the repository, a name below a link, ...).
   */
  z.object({
    kind: z.literal('workspace_files'),
    mode: includeLinkModeSchema,
    copied: z.array(z.string()),
    more: z.number().int().nonnegative(),
    skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  }),
  /**
   * A workspace script started in the task's worktree: exactly what runs, the config it came
   * from, and the terminal tab it runs in (null when it could not be started). Never part of the
   * model's context.
   */
  z.object({
    kind: z.literal('script_started'),
    runId: z.string(),
    script: workspaceScriptKindSchema,
    commands: z.array(z.string()),
    source: workspaceConfigKindSchema,
    terminalId: z.string().nullable().optional(),
  }),
  /** The end of its output as plain text, once it ended (the terminal showed it live). */
  z.object({ kind: z.literal('script_output'), runId: z.string(), chunk: z.string() }),
  z.object({ kind: z.literal('script_ended'), runId: z.string(), outcome: scriptOutcomeSchema, exitCode: z.number().int().nullable() }),
]);
export type TimelineEventBody = z.infer<typeof timelineEventBodySchema>;
export type TimelineEventKind = TimelineEventBody['kind'];

export const timelineEventSchema = z.intersection(z.object({ seq: z.number(), at: z.number() }), timelineEventBodySchema);
export type TimelineEvent = TimelineEventBody & { seq: number; at: number };
