import type { Result, Task, TaskStatus, TimelineEvent, TimelineEventBody } from '../../../src-shared/contract';
import type { ApprovalDecision, RunOutcome } from './agent-run';
import type { LoopTool } from './loop-tools';
import type { PermissionDecision } from './permission-policy';

/**
 * The seam between the agent service (runs, statuses, approvals, the timeline) and an engine
 * that is not Braid's own loop: an external agent over ACP (`engines/`). A run of such a task
 * is scheduled, stopped, resumed and recorded like any other; the engine does the turn.
 */
export interface ExternalEngine {
  /** Whether the task's engine can run here now (installed), before a run is queued for it. */
  check(task: Task): Result<{ label: string }>;
  /** One run: until the agent ends its turn and no message waits for it, or Stop. */
  run(run: ExternalRun): Promise<RunOutcome>;
  /** Stops the task's agent process if one is kept between runs (delete, and after Stop). */
  release(taskId: string): Promise<void>;
  /** Braid quits: every agent process is stopped. */
  close(): Promise<void>;
}

/** What a run of an external agent gets from the agent service. */
export interface ExternalRun {
  task: Task;
  runStart: 'new' | 'resume';
  /** The stored timeline so far (flushed), oldest first. */
  history: readonly TimelineEvent[];
  /** The last step number used in the timeline; the run's steps follow it. */
  lastStep: number;
  /** Appends to the timeline (and the conversation fold). */
  record(body: TimelineEventBody): void;
  setStatus(status: TaskStatus, reason: string | null): void;
  /** Braid's permission rules for a call, as they would decide the same call of Braid's own agent. */
  check(request: { tool: string; args: unknown }): Promise<PermissionDecision>;
  /** Every decision, for the audit trail (`agent.permissionDecided`). */
  permissionDecided(call: { callId: string; name: string; args: unknown }, decision: PermissionDecision): void;
  /** The approval card's answer (Stop ends the wait by rejecting). */
  waitForApproval(call: { callId: string; name: string; args: unknown }, signal: AbortSignal): Promise<ApprovalDecision>;
  /** A turn's tokens and cost, when the agent reports them. */
  recordUsage(usage: { input: number; output: number; cached: number; costUsd: number | null; context: number }): void;
  /** The context gauge, when the agent reports how full its window is. */
  setContext(used: number, size: number): void;
  /**
   * The task's loop tools for this run (`ask_user`, `submit_plan`, `submit_review`, …): the same
   * ones Braid's own loop would get, fresh for the run (they count invalid submissions).
   */
  loopTools: readonly LoopTool[];
  /** What the role's services give the task to work from (Braid's own agent reads it in its system prompt). */
  briefing: string | null;
  /** Messages the user sent while the run was going, taken once (each goes into the next prompt). */
  takeMessages(): string[];
  signal: AbortSignal;
}
