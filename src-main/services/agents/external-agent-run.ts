import type { Task, TimelineEvent, TimelineEventBody } from '../../../src-shared/contract';
import type { RunOutcome } from './agent-run';
import type { AgentServiceOptions } from './agent-service-options';
import type { RunStart } from './agent-status';
import type { Conversation } from './conversation';
import type { ExternalEngine } from './external-engine';
import type { RunCallbacks } from './run-callbacks';
import { runLoopTools } from './run-loop-tools';

/** One run of an external agent, as the run lifecycle (`agent-runs.ts`) starts it. */
export interface ExternalAgentRun {
  task: Task;
  runStart: RunStart;
  /** The stored timeline (flushed), which the engine continues from; `conversation` is its fold. */
  stored: readonly TimelineEvent[];
  conversation: Conversation;
  /** Messages sent while the run goes, taken by the engine for its next prompt turn. */
  inbox: string[];
  signal: AbortSignal;
  callbacks: RunCallbacks;
  /** Waits for the user's answer to an `ask_user` question. */
  askUser(callId: string, signal: AbortSignal): Promise<string>;
}

/**
 * An external agent's run (`engines/`): its turns are recorded in the same timeline, its calls
 * decided by the same rules and approval cards, its messages queued the same way.
 */
export async function runExternalAgent(engine: ExternalEngine, options: Pick<AgentServiceOptions, 'store' | 'writer' | 'notifyTaskChanged' | 'loopTools' | 'briefing'>, run: ExternalAgentRun): Promise<RunOutcome> {
  const { task, conversation, inbox, callbacks } = run;
  const taskId = task.id;
  const record = (body: TimelineEventBody) => {
    options.writer.push(taskId, body);
    conversation.add(body);
  };
  // Calls left open by a crash of Braid mid-turn are closed first: the agent's new turn will not end them.
  for (const call of conversation.pendingToolCalls()) {
    record({ kind: 'tool_status', callId: call.callId, status: 'cancelled' });
    record({ kind: 'tool_result', callId: call.callId, isError: true, text: 'Braid stopped before this call ended.', durationMs: 0 });
  }
  return engine.run({
    task,
    runStart: run.runStart,
    history: run.stored,
    lastStep: conversation.step,
    record,
    setStatus: callbacks.setStatus,
    check: (request) => Promise.resolve(callbacks.check(request)),
    permissionDecided: callbacks.permissionDecided,
    waitForApproval: callbacks.waitForApproval,
    recordUsage: callbacks.recordUsage,
    setContext: (used, size) => {
      options.store.tasks.setContext(taskId, used, size);
      options.notifyTaskChanged(taskId);
    },
    loopTools: await runLoopTools(options, task, run.askUser),
    briefing: (await options.briefing?.(task)) ?? null,
    takeMessages: () => inbox.splice(0),
    signal: run.signal,
  });
}
