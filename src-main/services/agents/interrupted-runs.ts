import { busyTaskStatuses, type TimelineEventBody } from '../../../src-shared/contract';
import type { Store } from '../store/store';
import type { AgentStatus } from './agent-status';
import { Conversation } from './conversation';
import type { TimelineWriter } from './timeline-writer';

/**
 * Records that the answer still streaming where `conversation` ends was cut, when there is
 * one, before anything else is written; says whether there was.
 */
export function markUnfinishedAnswer(writer: TimelineWriter, taskId: string, conversation: Conversation, reason: 'interrupted' | 'stopped'): boolean {
  const step = conversation.unfinishedStep();
  if (step === null) return false;
  const body: TimelineEventBody = { kind: 'answer_incomplete', step, reason };
  writer.push(taskId, body);
  // Durable before the status says the run ended: a crash right after must not lose it.
  writer.flush();
  conversation.add(body);
  return true;
}

/**
 * After a restart: runs that were going when the host stopped are marked interrupted, with
 * Resume. An answer that was streaming then is marked incomplete, so Resume asks the model again.
 */
export function markInterruptedRuns(store: Store, writer: TimelineWriter, status: AgentStatus): void {
  for (const busy of busyTaskStatuses) {
    for (const taskId of store.tasks.idsWithStatus(busy)) {
      const conversation = Conversation.fromTimeline(store.timeline.from(taskId, 0));
      const cut = markUnfinishedAnswer(writer, taskId, conversation, 'interrupted');
      status.set(
        taskId,
        'interrupted',
        cut
          ? 'Braid stopped while the agent was answering; the answer was cut off. Resume asks the model again.'
          : conversation.pendingToolCalls().some((call) => call.name === 'ask_user')
            ? 'Braid stopped while the agent’s question waited for your answer. Resume asks it again.'
            : 'Braid stopped while this task was running. Resume continues from where it was.',
      );
    }
  }
}
