import { describe, expect, it } from 'vitest';
import type { TimelineEvent, TimelineEventBody } from '../../../src-shared/contract';
import { Conversation } from './conversation';

const stamp = (bodies: TimelineEventBody[]): TimelineEvent[] => bodies.map((body, i) => ({ ...body, seq: i + 1, at: 0 }));

describe('Conversation', () => {
  it('folds a timeline into the messages a provider expects, tool calls directly followed by results', () => {
    const conversation = Conversation.fromTimeline(
      stamp([
        { kind: 'user_message', text: 'Add a footer' },
        { kind: 'assistant_text', step: 1, text: 'Let me ' },
        { kind: 'assistant_text', step: 1, text: 'look.' },
        { kind: 'tool_call', step: 1, callId: 'c1', name: 'read_file', args: { path: 'a.ts' } },
        { kind: 'usage', step: 1, model: 'm', inputTokens: 1, outputTokens: 1, cachedTokens: 0, costUsd: null },
        { kind: 'tool_status', callId: 'c1', status: 'running' },
        { kind: 'tool_result', callId: 'c1', isError: false, text: '1\tx', durationMs: 3 },
        { kind: 'assistant_text', step: 2, text: 'Done.' },
        { kind: 'usage', step: 2, model: 'm', inputTokens: 1, outputTokens: 1, cachedTokens: 0, costUsd: null },
      ]),
    );
    expect(conversation.messages).toEqual([
      { role: 'user', content: 'Add a footer' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me look.' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'read_file', input: { path: 'a.ts' } },
        ],
      },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'read_file', output: { type: 'text', value: '1\tx' } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
    ]);
    expect(conversation.step).toBe(2);
    expect(conversation.readyForModel()).toBe(false);
  });

  it('holds a message sent mid-step until the step closes, and reports it as queued', () => {
    const conversation = new Conversation();
    conversation.add({ kind: 'user_message', text: 'Start' });
    conversation.add({ kind: 'assistant_text', step: 1, text: 'Working' });
    conversation.add({ kind: 'user_message', text: 'Also fix the header' });
    conversation.add({ kind: 'tool_call', step: 1, callId: 'c1', name: 'grep', args: {} });
    conversation.add({ kind: 'usage', step: 1, model: 'm', inputTokens: 1, outputTokens: 1, cachedTokens: 0, costUsd: null });
    expect(conversation.queuedMessages).toBe(1);
    expect(conversation.pendingToolCalls().map((call) => call.callId)).toEqual(['c1']);
    conversation.add({ kind: 'tool_result', callId: 'c1', isError: true, text: 'no matches', durationMs: 1 });
    expect(conversation.queuedMessages).toBe(0);
    expect(conversation.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'user']);
    expect(conversation.messages.at(-1)).toEqual({ role: 'user', content: 'Also fix the header' });
    expect(conversation.readyForModel()).toBe(true);
  });

  it('drops the partial answer of a failed attempt, so a retry does not repeat it', () => {
    const conversation = new Conversation();
    conversation.add({ kind: 'user_message', text: 'Hi' });
    conversation.add({ kind: 'assistant_text', step: 1, text: 'Hel' });
    conversation.add({ kind: 'retry', attempt: 1, delayMs: 10, message: 'connection reset' });
    conversation.add({ kind: 'assistant_text', step: 1, text: 'Hello!' });
    conversation.add({ kind: 'usage', step: 1, model: 'm', inputTokens: 1, outputTokens: 1, cachedTokens: 0, costUsd: null });
    expect(conversation.messages).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
    ]);
  });

  it('after a crash, resumes with the unanswered tool calls and keeps waiting for them', () => {
    const conversation = Conversation.fromTimeline(
      stamp([
        { kind: 'user_message', text: 'Run the tests' },
        { kind: 'tool_call', step: 1, callId: 'c9', name: 'run_command', args: { command: 'npm test' } },
        { kind: 'usage', step: 1, model: 'm', inputTokens: 1, outputTokens: 1, cachedTokens: 0, costUsd: null },
        { kind: 'approval_request', callId: 'c9', name: 'run_command', args: {}, reason: 'command' },
      ]),
    );
    expect(conversation.pendingToolCalls()).toEqual([{ callId: 'c9', name: 'run_command', args: { command: 'npm test' }, step: 1 }]);
    expect(conversation.readyForModel()).toBe(false);
  });

  it('after a crash mid-answer, names the cut step; once marked incomplete, the model is asked again without it', () => {
    const events: TimelineEventBody[] = [
      { kind: 'user_message', text: 'Write a long answer' },
      { kind: 'assistant_text', step: 1, text: 'The first half of a sen' },
      { kind: 'user_message', text: 'And keep it short' },
    ];
    const cut = Conversation.fromTimeline(stamp(events));
    expect(cut.unfinishedStep()).toBe(1);

    const marked = Conversation.fromTimeline(stamp([...events, { kind: 'answer_incomplete', step: 1, reason: 'interrupted' }]));
    expect(marked.unfinishedStep()).toBeNull();
    expect(marked.readyForModel()).toBe(true);
    // The message sent while it answered is delivered; the cut text is not presented as said.
    expect(marked.messages).toEqual([
      { role: 'user', content: 'Write a long answer' },
      { role: 'user', content: 'And keep it short' },
    ]);
    expect(marked.step).toBe(1);
  });

  it('has no unfinished step once a step has ended, or after a retry dropped the attempt', () => {
    const ended = Conversation.fromTimeline(
      stamp([
        { kind: 'user_message', text: 'Hi' },
        { kind: 'assistant_text', step: 1, text: 'Hello.' },
        { kind: 'usage', step: 1, model: 'm', inputTokens: 1, outputTokens: 1, cachedTokens: 0, costUsd: null },
      ]),
    );
    expect(ended.unfinishedStep()).toBeNull();
    const retried = Conversation.fromTimeline(
      stamp([
        { kind: 'user_message', text: 'Hi' },
        { kind: 'assistant_text', step: 1, text: 'Hel' },
        { kind: 'retry', attempt: 1, delayMs: 10, message: 'connection reset' },
      ]),
    );
    expect(retried.unfinishedStep()).toBeNull();
    expect(retried.readyForModel()).toBe(true);
  });

  it('uses the latest compaction summary instead of the messages it covers', () => {
    const conversation = Conversation.fromTimeline(
      stamp([
        { kind: 'user_message', text: 'old question' },
        { kind: 'assistant_text', step: 1, text: 'old answer' },
        { kind: 'usage', step: 1, model: 'm', inputTokens: 1, outputTokens: 1, cachedTokens: 0, costUsd: null },
        { kind: 'compaction', summary: 'We discussed X.', upToSeq: 3 },
        { kind: 'user_message', text: 'new question' },
      ]),
    );
    expect(conversation.messages.map((m) => m.role)).toEqual(['user', 'user']);
    expect(JSON.stringify(conversation.messages)).toContain('We discussed X.');
    expect(JSON.stringify(conversation.messages)).not.toContain('old answer');
    expect(conversation.step).toBe(1);
    expect(conversation.readyForModel()).toBe(true);
  });

  it('tells the model of a plan version the user wrote and of the decision, not of its own submissions', () => {
    const conversation = new Conversation();
    conversation.add({ kind: 'user_message', text: 'Plan it' });
    conversation.add({ kind: 'tool_call', step: 1, callId: 'p1', name: 'submit_plan', args: { title: 'T' } });
    // The user edits while the step is still open: held until it closes, like any message.
    conversation.add({ kind: 'plan_version', version: 2, author: 'user', title: 'T2', markdown: '# T2\n' });
    conversation.add({ kind: 'plan_version', version: 1, author: 'agent', title: 'T', markdown: null });
    conversation.add({ kind: 'usage', step: 1, model: 'm', inputTokens: 1, outputTokens: 1, cachedTokens: 0, costUsd: null });
    expect(conversation.queuedMessages).toBe(1);
    conversation.add({ kind: 'tool_result', callId: 'p1', isError: false, text: 'Plan v1 submitted', durationMs: 1 });
    conversation.add({ kind: 'plan_decision', version: 2, decision: 'approved', message: null, comments: [] });
    conversation.add({ kind: 'plan_decision', version: 1, decision: 'changes_requested', message: 'Shorter', comments: [] });
    expect(conversation.messages.slice(2).map((message) => [message.role, message.role === 'user' ? message.content : null])).toEqual([
      ['tool', null],
      ['user', 'I edited the plan myself; my version v2 replaces the earlier ones. It reads:\n\n# T2\n'],
      ['user', 'I approved plan v2.'],
    ]);
  });
});
