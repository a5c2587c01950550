import { generateText } from 'ai';
import type { TimelineEventBody } from '../../../src-shared/contract';
import type { Store } from '../store/store';
import type { ResolvedModel } from './agent-run';
import type { Conversation } from './conversation';
import type { TimelineWriter } from './timeline-writer';

/**
 * Summarises a task's conversation with its model and records a `compaction` event: from then
 * on the summary replaces everything before it in the model's view (the originals stay stored).
 */
export async function compactConversation(
  { writer, store }: { writer: TimelineWriter; store: Store },
  taskId: string,
  model: ResolvedModel,
  conversation: Conversation,
  signal: AbortSignal,
): Promise<void> {
  const result = await generateText({
    model: model.model,
    instructions: 'You compress a coding agent\'s conversation so it can continue with a smaller context.',
    messages: [
      ...conversation.messages,
      {
        role: 'user',
        content:
          'Summarise this conversation for yourself to continue the task: the goal, decisions made, files changed and why, ' +
          'what is done, what remains, and any open questions. Be specific (paths, names). Do not call tools.',
      },
    ],
    abortSignal: signal,
    maxRetries: 2,
  });
  writer.flush();
  const body: TimelineEventBody = { kind: 'compaction', summary: result.text, upToSeq: store.timeline.lastSeq(taskId) };
  writer.push(taskId, body);
  writer.flush();
  conversation.add(body);
}
