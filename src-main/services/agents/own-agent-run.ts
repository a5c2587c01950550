import type { Task, TimelineEvent } from '../../../src-shared/contract';
import { runAgent, type ResolvedModel, type RunOutcome } from './agent-run';
import type { AgentServiceOptions } from './agent-service-options';
import { compactConversation } from './compact-conversation';
import type { Conversation } from './conversation';
import type { RunCallbacks } from './run-callbacks';
import { runLoopTools } from './run-loop-tools';
import { buildSystemPrompt } from './system-prompt';
import type { AgentToolset } from './toolset';

/** One run of Braid's own agent, as the run lifecycle (`agent-runs.ts`) starts it. */
export interface OwnAgentRun {
  task: Task;
  model: ResolvedModel;
  /** The stored timeline, for the run's rules; `conversation` is its fold, which the run goes on from. */
  stored: readonly TimelineEvent[];
  conversation: Conversation;
  signal: AbortSignal;
  callbacks: RunCallbacks;
  /** Waits for the user's answer to an `ask_user` question. */
  askUser(callId: string, signal: AbortSignal): Promise<string>;
  /** Runs `work` (calls waiting for the task's subagents) without holding the task's run slot. */
  waitOutsideSlot<T>(work: () => Promise<T>): Promise<T>;
  /** Said before the toolset closes: from then on nothing given to the run reaches its loop. */
  loopEnded(): void;
}

/**
 * Braid's own agent loop, one model step at a time (`agent-run.ts`), given the task's toolset,
 * rules, briefing and loop tools; the toolset is closed when the loop is done.
 */
export async function runOwnAgent(options: AgentServiceOptions, run: OwnAgentRun): Promise<RunOutcome> {
  const { store, writer } = options;
  const { task, model, callbacks } = run;
  const taskId = task.id;
  let toolset: AgentToolset | undefined;
  try {
    toolset = await options.createToolset(task);
    const rules = (await options.rules?.forRun(task, run.stored)) ?? null;
    if (rules?.record) writer.push(taskId, rules.record);
    return await runAgent({
      task,
      system: buildSystemPrompt(task, rules?.section ?? null, (await options.briefing?.(task)) ?? null),
      model,
      toolset,
      loopTools: await runLoopTools(options, task, run.askUser),
      toolAccess: options.toolAccess?.(task),
      waitOutsideSlot: run.waitOutsideSlot,
      policy: { check: callbacks.check },
      permissionDecided: callbacks.permissionDecided,
      history: run.conversation,
      ...(rules ? { afterToolCall: (call: { name: string; args: unknown }) => rules.session.afterToolCall(call) } : {}),
      record: (body) => writer.push(taskId, body),
      setStatus: callbacks.setStatus,
      recordStep: (usage, cost) => callbacks.recordUsage({ input: usage.input, output: usage.output, cached: usage.cached, costUsd: cost, context: usage.input + usage.output }),
      limits: () => {
        const current = store.tasks.get(taskId);
        return {
          steps: current?.agent.stepCount ?? 0,
          maxSteps: current?.agent.limits.maxSteps ?? 50,
          costUsd: current?.agent.usage.costUsd ?? null,
          maxCostUsd: current?.agent.limits.maxCostUsd ?? null,
        };
      },
      waitForApproval: callbacks.waitForApproval,
      classifyError: options.models.classifyError,
      compact: (conversation, signal) => compactConversation(options, taskId, model, conversation, signal),
      retry: options.retry ?? { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 },
      signal: run.signal,
    });
  } finally {
    run.loopEnded();
    await toolset?.close().catch(() => undefined);
  }
}
