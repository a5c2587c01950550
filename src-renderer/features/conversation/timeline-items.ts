import type { CommandInvocation, GivenRule, IncludeLinkMode, RuleSourceId, ScriptOutcome, TaskStatus, WorkspaceConfigKind, WorkspaceScriptKind } from '../../../src-shared/contract';

/**
 * What the conversation shows, one row each. A row's `key` is stable while events stream in
 * (and across a re-fold after an older page arrives), so measured heights and React state
 * survive.
 */
export type ViewItem =
  | UserMessageItem
  | AssistantMessageItem
  | RetryItem
  | ToolCallItem
  | ApprovalItem
  | ErrorItem
  | StatusItem
  | CompactionItem
  | StepUsageItem
  | TodosItem
  | QuestionItem
  | PlanItem
  | PlanDecisionItem
  | ThoughtItem
  | EngineSessionItem
  | ReviewItem
  | CommandOutputItem
  | ContextClearedItem
  | RulesItem
  | ScriptRunItem
  | WorkspaceFilesItem;

export interface UserMessageItem {
  kind: 'user';
  key: string;
  /** What the model was told (a command's expanded prompt). */
  text: string;
  at: number;
  /** The slash command the user ran to send it, or null for a plain message. */
  command: CommandInvocation | null;
}

/** What a built-in slash command printed (the model never sees it), with the tasks it started. */
export interface CommandOutputItem {
  kind: 'commandOutput';
  key: string;
  name: string;
  arguments: string;
  text: string;
  tasks: { taskId: string; title: string }[];
}

/** `/clear`: the agent does not see anything above this marker any more. */
export interface ContextClearedItem {
  kind: 'cleared';
  key: string;
}

/** Rules the agent was given: at a run's start, or when it first worked on `path`. */
export interface RulesItem {
  kind: 'rules';
  key: string;
  trigger: 'run' | 'path';
  path: string | null;
  rules: GivenRule[];
  warnings: string[];
}

export interface RetryNote {
  attempt: number;
  delayMs: number;
  message: string;
}

export interface AssistantMessageItem {
  kind: 'assistant';
  key: string;
  step: number;
  text: string;
  /** Set when the attempt that produced this text failed and is being retried: shown dimmed. */
  discarded: RetryNote | null;
  /** Set when the answer was cut before the model finished it (Braid stopped, or Stop): shown dimmed. */
  incomplete: 'interrupted' | 'stopped' | null;
}

/** A retry before the failed attempt said anything. */
export interface RetryItem {
  kind: 'retry';
  key: string;
  retry: RetryNote;
}

export type ToolCallStatus = 'pending' | 'awaiting_approval' | 'awaiting_input' | 'running' | 'done' | 'error' | 'denied' | 'cancelled';

export interface ToolCallItem {
  kind: 'tool';
  key: string;
  callId: string;
  name: string;
  args: unknown;
  status: ToolCallStatus;
  /** The newest streamed output, capped at `toolOutputTailChars`. */
  outputTail: string;
  /** True when earlier output was dropped from `outputTail`. */
  outputClipped: boolean;
  result: { isError: boolean; text: string; durationMs: number } | null;
  /**
   * The approval this call waited for, shown on its card before it runs (null when none was
   * asked). An approval asked again after a resume gets a row of its own at the end instead.
   */
  approval: ApprovalItem | null;
  /** The rule that allowed or denied the call without asking (null when it asked, or before it is known). */
  decidedBy: RuleDecision | null;
  /** An external agent's words for the call ("Write hello.txt") and its kind (ACP's edit, execute, …); null for Braid's own. */
  title: string | null;
  toolKind: string | null;
  /** File changes an external agent reported for the call. */
  diffs: FileDiffNote[];
}

export interface FileDiffNote {
  path: string;
  oldText: string | null;
  newText: string;
  truncated: boolean;
}

/** An external agent's reasoning, streamed; shown folded. */
export interface ThoughtItem {
  kind: 'thought';
  key: string;
  step: number;
  text: string;
}

/** An external agent's session began: new, restored by the agent, or continued from Braid's transcript. */
export interface EngineSessionItem {
  kind: 'engineSession';
  key: string;
  how: 'new' | 'loaded' | 'transcript';
  agent: string;
  version: string | null;
}

export interface RuleDecision {
  decision: 'allow' | 'deny';
  rule: string;
  /** Where the rule lives; null for Braid's built-in rules and modes. */
  source: RuleSourceId | null;
}

export type ApprovalOutcome =
  | { kind: 'pending' }
  /** `savedRule`: "Always allow in this project" saved it with the approval. */
  | { kind: 'approved'; savedRule: string | null }
  | { kind: 'denied'; reason: string | null }
  /** Asked again later (after a resume): this card can no longer be answered. */
  | { kind: 'superseded' };

export interface ApprovalItem {
  kind: 'approval';
  key: string;
  callId: string;
  name: string;
  args: unknown;
  reason: string;
  /** The rule (or mode) that asked, and where it lives (null: Braid's own). */
  rule: string | null;
  source: RuleSourceId | null;
  /** What "Always allow in this project" offers to save; null when no rule could allow the call. */
  suggestedRule: string | null;
  outcome: ApprovalOutcome;
}

export interface ErrorItem {
  kind: 'error';
  key: string;
  message: string;
  code: string;
  retryable: boolean;
}

export interface StatusItem {
  kind: 'status';
  key: string;
  status: TaskStatus;
  reason: string | null;
}

export interface CompactionItem {
  kind: 'compaction';
  key: string;
  summary: string;
}

export interface StepUsageItem {
  kind: 'usage';
  key: string;
  step: number;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  costUsd: number | null;
}

export interface TodosItem {
  kind: 'todos';
  key: string;
  todos: { content: string; status: 'pending' | 'in_progress' | 'completed' }[];
}

/**
 * An `ask_user` call: the question card. Shown from the call on (its arguments), answerable
 * once its `question` event says the run waits; the answer and the call's result follow.
 */
export interface QuestionItem {
  kind: 'question';
  key: string;
  callId: string;
  question: string;
  choices: string[];
  /** The run waits for this card (its `question` event arrived). */
  asked: boolean;
  status: ToolCallStatus;
  result: { isError: boolean; text: string; durationMs: number } | null;
  answer: string | null;
  /** Asked again later (after a resume): this card can no longer be answered. */
  superseded: boolean;
}

/** A version of the task's plan was submitted (or written by the user): the plan card. */
export interface PlanItem {
  kind: 'plan';
  key: string;
  version: number;
  author: 'agent' | 'user';
}

/** The user's decision on a plan version. */
export interface PlanDecisionItem {
  kind: 'planDecision';
  key: string;
  version: number;
  decision: 'approved' | 'changes_requested' | 'rejected';
  message: string | null;
}

/** A workspace script (setup, run, archive) run in a terminal of the task: what ran, where, how it ended and the end of its output. */
export interface ScriptRunItem {
  kind: 'script';
  key: string;
  runId: string;
  script: WorkspaceScriptKind;
  source: WorkspaceConfigKind;
  commands: string[];
  /** The task's terminal it runs in (null when it could not start, or recorded before terminals). */
  terminalId: string | null;
  /** The end of its output, once it ended (the terminal shows it live), capped at `toolOutputTailChars`. */
  outputTail: string;
  outputClipped: boolean;
  /** Null while it runs. */
  ended: { outcome: ScriptOutcome; exitCode: number | null } | null;
}

/** Ignored files brought into the worktree from the main checkout, and those left out with why. */
export interface WorkspaceFilesItem {
  kind: 'workspaceFiles';
  key: string;
  mode: IncludeLinkMode;
  brought: string[];
  more: number;
  skipped: { path: string; reason: string }[];
}

/** A review task's agent submitted a review version: the review card. */
export interface ReviewItem {
  kind: 'review';
  key: string;
  version: number;
  verdict: 'correct' | 'incorrect';
  findings: number;
  fixed: number;
}

/** How much of a command's streamed output a card keeps (the tail is what matters while it runs). */
export const toolOutputTailChars = 4_000;
