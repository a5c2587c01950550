import type { TimelineEvent } from '../../../../src-shared/contract';

/** The newest part of the conversation a new session is given, at most (the agent has its own window). */
export const maxTranscriptChars = 60_000;
const resultChars = 400;

/**
 * The conversation so far as plain text, for an agent that cannot load its earlier session
 * (`session/load`) or whose session is gone: what the user asked, what the agent answered, and
 * each call it made with how it ended. Older parts are dropped first when it is long.
 */
export function transcriptOf(events: readonly TimelineEvent[]): string | null {
  const lines: string[] = [];
  const calls = new Map<string, { line: number; title: string }>();
  let speaking: 'assistant' | null = null;
  for (const event of events) {
    switch (event.kind) {
      case 'user_message':
        speaking = null;
        lines.push(`User: ${event.text}`);
        break;
      case 'assistant_text':
        if (speaking === 'assistant') lines[lines.length - 1] += event.text;
        else lines.push(`Assistant: ${event.text}`);
        speaking = 'assistant';
        break;
      case 'tool_call':
        speaking = null;
        calls.set(event.callId, { line: lines.length, title: event.name });
        lines.push(`Tool call: ${event.name}`);
        break;
      case 'tool_info': {
        const call = calls.get(event.callId);
        if (call) {
          call.title = event.title;
          lines[call.line] = `Tool call: ${event.title}`;
        }
        break;
      }
      case 'tool_result': {
        const call = calls.get(event.callId);
        if (!call) break;
        const text = event.text.length > resultChars ? `${event.text.slice(0, resultChars)}…` : event.text;
        lines[call.line] = `Tool call: ${call.title} → ${event.isError ? 'failed' : 'done'}: ${text}`;
        break;
      }
      default:
        break;
    }
  }
  if (lines.length === 0) return null;
  let text = lines.join('\n\n');
  if (text.length > maxTranscriptChars) text = `(earlier parts left out)\n\n…${text.slice(text.length - maxTranscriptChars)}`;
  return text;
}

/** The first prompt of a session that continues an earlier one from its transcript. */
export function transcriptPreamble(transcript: string): string {
  return [
    'You are continuing work on this task in a new session: your earlier session could not be restored.',
    'This is the conversation so far, as Braid recorded it:',
    '',
    '<conversation>',
    transcript,
    '</conversation>',
    '',
  ].join('\n');
}
