import type { CommandInvocation, Result, Task, TaskRole, TimelineEvent, TimelineEventBody } from '../../../src-shared/contract';
import type { DomainEventBus } from '../events';
import type { Store } from '../store/store';
import type { ResolvedModel, ToolAccess } from './agent-run';
import type { ExternalEngine } from './external-engine';
import type { LoopTool } from './loop-tools';
import type { PermissionPolicy } from './permission-policy';
import type { RetryClassification } from './retry';
import type { TimelineWriter } from './timeline-writer';
import type { AgentToolset } from './toolset';

/** What the agent service is built with (`createServices` passes the real parts; tests their own). */

export interface AgentModels {
  /** The task's model, else the role's default, else a clear failure (`MODEL_NOT_CONFIGURED`, ...). */
  resolve(ref: string | null, role: TaskRole): Promise<Result<ResolvedModel>>;
  classifyError(error: unknown): RetryClassification;
}

/**
 * The rules of one run (`rules/`): its system prompt's section, the `rules_loaded` event of its
 * start (null when unchanged), and what a call's path brings later.
 */
export interface RunRulesProvider {
  forRun(
    task: Task,
    timeline: readonly TimelineEvent[],
  ): Promise<{ section: string | null; record: TimelineEventBody | null; session: { afterToolCall(call: { name: string; args: unknown }): Promise<TimelineEventBody | null> } }>;
}

/** What a message brings besides its text: a slash command's allowed tools and model, and the command itself for the timeline. */
export interface SendOptions {
  /** Pre-approved until the run this message starts (or joins) ends. */
  allowRules?: readonly string[];
  /** The model of the run this message starts; ignored when it joins a running one. */
  model?: string;
  command?: CommandInvocation;
}

export interface AgentServiceOptions {
  store: Store;
  writer: TimelineWriter;
  models: AgentModels;
  policy: PermissionPolicy;
  createToolset(task: Task): Promise<AgentToolset>;
  /**
   * Loop tools of other services for one run of `task` (`submit_plan`, `submit_review`, `delegate`), next to the agent's own
   * `ask_user`; the role decides which the model is offered (`role-tools.ts`).
   */
  loopTools?(task: Task): LoopTool[] | Promise<LoopTool[]>;
  /**
   * What other services add to the system prompt of a run of `task` for its role: the pinned
   * plan and checklist of an implement task (`plans/`); a review task's plan, summary, bounded
   * diff and earlier findings (`review-role/`, read from git, hence async). Read once when the run starts.
   */
  briefing?(task: Task): string | null | Promise<string | null>;
  /** Narrows the tools of a run of `task` beyond its role (a subagent's own list, `subagents/`). */
  toolAccess?(task: Task): ToolAccess | undefined;
  /** The rules each run is given; without it, runs get none (tests of the loop alone). */
  rules?: RunRulesProvider;
  /** Re-reads the task and pushes `tasks.changed`. */
  notifyTaskChanged(taskId: string): void;
  /** Runs tasks whose engine is an external agent (ACP); without it such tasks cannot run. */
  external?: ExternalEngine;
  concurrency: number;
  /**
   * `agent.turnEnded` is published after every run that took a step (the turn is its last step
   * number), and waited for before the run's status changes: the checkpoint is made by then.
   * `agent.statusChanged` follows every status change (saying when a run begins), and
   * `agent.permissionDecided` every decision of the policy on a tool call (the audit trail).
   */
  events: DomainEventBus;
  retry?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  log?: (line: string) => void;
}
