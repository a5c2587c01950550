import { describe, expect, it } from 'vitest';
import type { TimelineEvent, TimelineEventBody } from '../../../src-shared/contract';
import { completedAssistantText, emptyFold, foldEvents } from './timeline-fold';
import { toolOutputTailChars } from './timeline-items';

/** Numbers bodies into events the way the host stores them: seq 1, 2, 3, … */
function timeline(...bodies: TimelineEventBody[]): TimelineEvent[] {
  return bodies.map((body, i) => ({ ...body, seq: i + 1, at: 1_000 + i }) as TimelineEvent);
}

const fold = (...bodies: TimelineEventBody[]) => foldEvents(emptyFold, timeline(...bodies));

describe('timeline fold', () => {
  it('merges the streamed pieces of one step into one assistant message', () => {
    const { items } = fold(
      { kind: 'user_message', text: 'Fix the bug' },
      { kind: 'assistant_text', step: 1, text: 'Look' },
      { kind: 'assistant_text', step: 1, text: 'ing at it.' },
      { kind: 'usage', step: 1, model: 'openai:m', inputTokens: 1200, outputTokens: 300, cachedTokens: 0, costUsd: 0.004 },
      { kind: 'user_message', text: 'Thanks' },
      { kind: 'assistant_text', step: 2, text: 'Done.' },
    );
    expect(items.map((i) => i.kind)).toEqual(['user', 'assistant', 'usage', 'user', 'assistant']);
    expect(items[1]).toMatchObject({ kind: 'assistant', text: 'Looking at it.', discarded: null });
    expect(items[4]).toMatchObject({ kind: 'assistant', text: 'Done.' });
  });

  it('folds streamed batches to the same rows as the whole timeline at once', () => {
    const events = timeline(
      { kind: 'assistant_text', step: 1, text: 'a' },
      { kind: 'assistant_text', step: 1, text: 'b' },
      { kind: 'tool_call', step: 1, callId: 'c1', name: 'read_file', args: { path: 'x' } },
      { kind: 'tool_status', callId: 'c1', status: 'running' },
      { kind: 'tool_result', callId: 'c1', isError: false, text: 'contents', durationMs: 12 },
    );
    let incremental = emptyFold;
    for (const event of events) incremental = foldEvents(incremental, [event]);
    expect(incremental.items).toEqual(foldEvents(emptyFold, events).items);
  });

  it('shows a workspace script on one card: what runs, its log as it streams (batch by batch), then how it ended', () => {
    const events = timeline(
      { kind: 'workspace_files', mode: 'copy', copied: ['.env'], more: 0, skipped: [{ path: 'link', reason: 'it leads out' }] },
      { kind: 'script_started', runId: 'r1', script: 'setup', commands: ['npm ci'], source: 'braid', terminalId: 't1' },
      { kind: 'script_output', runId: 'r1', chunk: '$ npm ci\r\n' },
      { kind: 'script_output', runId: 'r1', chunk: 'added 3 packages\r\n' },
      { kind: 'script_ended', runId: 'r1', outcome: 'failed', exitCode: 1 },
    );
    let incremental = emptyFold;
    for (const event of events) incremental = foldEvents(incremental, [event]);
    expect(incremental.items).toEqual(foldEvents(emptyFold, events).items);
    expect(incremental.items).toEqual([
      { kind: 'workspaceFiles', key: 'files:1', mode: 'copy', brought: ['.env'], more: 0, skipped: [{ path: 'link', reason: 'it leads out' }] },
      {
        kind: 'script',
        key: 'script:2',
        runId: 'r1',
        script: 'setup',
        source: 'braid',
        commands: ['npm ci'],
        terminalId: 't1',
        outputTail: '$ npm ci\r\nadded 3 packages\r\n',
        outputClipped: false,
        ended: { outcome: 'failed', exitCode: 1 },
      },
    ]);
  });

  it('keeps only the tail of a long script log', () => {
    const { items } = fold(
      { kind: 'script_started', runId: 'r1', script: 'setup', commands: ['yes'], source: 'braid' },
      { kind: 'script_output', runId: 'r1', chunk: 'x'.repeat(toolOutputTailChars) },
      { kind: 'script_output', runId: 'r1', chunk: 'the end' },
    );
    expect(items[0]).toMatchObject({ kind: 'script', outputClipped: true, outputTail: expect.stringMatching(/x+the end$/) });
    expect(items[0]?.kind === 'script' && items[0].outputTail.length).toBe(toolOutputTailChars);
  });

  it('keeps the text of a failed attempt, marked as discarded, and starts the retry afresh', () => {
    const { items } = fold(
      { kind: 'assistant_text', step: 1, text: 'Half an ans' },
      { kind: 'retry', attempt: 1, delayMs: 2_000, message: 'Too many requests (HTTP 429)' },
      { kind: 'assistant_text', step: 1, text: 'A whole answer.' },
    );
    expect(items).toMatchObject([
      { kind: 'assistant', text: 'Half an ans', discarded: { attempt: 1, delayMs: 2_000, message: 'Too many requests (HTTP 429)' } },
      { kind: 'assistant', text: 'A whole answer.', discarded: null },
    ]);
  });

  it('marks an answer cut by a crash as incomplete, with status lines in between, and the next step starts afresh', () => {
    const events = timeline(
      { kind: 'user_message', text: 'Write a long answer' },
      { kind: 'assistant_text', step: 1, text: 'The first half of a sen' },
      // A timeline stored before cut answers were marked: the next run marks it when it starts.
      { kind: 'status', status: 'interrupted', reason: 'Braid stopped' },
      { kind: 'answer_incomplete', step: 1, reason: 'interrupted' },
      { kind: 'assistant_text', step: 2, text: 'A complete answer.' },
    );
    const before = foldEvents(emptyFold, events.slice(0, 2));
    const after = foldEvents(before, events.slice(2));
    expect(after.items.filter((item) => item.kind === 'assistant')).toMatchObject([
      { text: 'The first half of a sen', incomplete: 'interrupted', discarded: null },
      { text: 'A complete answer.', incomplete: null },
    ]);
    // The cut text is never announced as a finished message.
    expect(completedAssistantText(before, after)).toBeNull();
  });

  it('keeps the Retry of an error card when an earlier answer is marked incomplete after it', () => {
    const { activeErrorKey } = fold(
      { kind: 'assistant_text', step: 1, text: 'Half' },
      { kind: 'error', message: 'The agent stopped unexpectedly', code: 'INTERNAL', retryable: true },
      { kind: 'answer_incomplete', step: 1, reason: 'interrupted' },
      { kind: 'status', status: 'failed', reason: 'boom' },
    );
    expect(activeErrorKey).toBe('error:2');
  });

  it('shows a retry before any text as a line of its own', () => {
    const { items } = fold({ kind: 'user_message', text: 'go' }, { kind: 'retry', attempt: 2, delayMs: 4_000, message: 'Bad gateway' });
    expect(items[1]).toMatchObject({ kind: 'retry', retry: { attempt: 2, message: 'Bad gateway' } });
  });

  it('follows a tool call from start to result on one card, with the rule that allowed it', () => {
    const running = fold(
      { kind: 'tool_call', step: 1, callId: 'c1', name: 'run_command', args: { command: 'npm test' } },
      { kind: 'permission', callId: 'c1', decision: 'allow', rule: 'Bash(npm test)', source: 'project' },
      { kind: 'tool_status', callId: 'c1', status: 'running' },
      { kind: 'tool_output', callId: 'c1', chunk: 'PASS a\n' },
      { kind: 'tool_output', callId: 'c1', chunk: 'PASS b\n' },
    );
    expect(running.items).toEqual([
      {
        kind: 'tool',
        key: 'tool:1',
        callId: 'c1',
        name: 'run_command',
        args: { command: 'npm test' },
        status: 'running',
        outputTail: 'PASS a\nPASS b\n',
        outputClipped: false,
        result: null,
        approval: null,
        decidedBy: { decision: 'allow', rule: 'Bash(npm test)', source: 'project' },
        title: null,
        toolKind: null,
        diffs: [],
      },
    ]);
    const finished = foldEvents(running, [
      { kind: 'tool_status', callId: 'c1', status: 'error', seq: 5, at: 0 },
      { kind: 'tool_result', callId: 'c1', isError: true, text: 'exit 1', durationMs: 3_400, seq: 6, at: 0 },
    ]);
    expect(finished.items).toHaveLength(1);
    expect(finished.items[0]).toMatchObject({ status: 'error', result: { isError: true, text: 'exit 1', durationMs: 3_400 } });
    // The fold it started from is untouched (rows are compared by identity).
    expect(running.items[0]).toMatchObject({ status: 'running', result: null });
  });

  it('keeps only the tail of long command output', () => {
    const { items } = fold(
      { kind: 'tool_call', step: 1, callId: 'c1', name: 'run_command', args: {} },
      { kind: 'tool_output', callId: 'c1', chunk: 'x'.repeat(toolOutputTailChars) },
      { kind: 'tool_output', callId: 'c1', chunk: 'END' },
    );
    expect(items[0]).toMatchObject({ outputClipped: true });
    const tool = items[0] as { outputTail: string };
    expect(tool.outputTail).toHaveLength(toolOutputTailChars);
    expect(tool.outputTail.endsWith('END')).toBe(true);
  });

  it('shows an approval on the card of the call it approves, above what the call then does', () => {
    const asked = fold(
      { kind: 'tool_call', step: 1, callId: 'c0', name: 'read_file', args: { path: 'a' } },
      { kind: 'tool_call', step: 1, callId: 'c1', name: 'run_command', args: { command: 'rm -rf build' } },
      { kind: 'tool_status', callId: 'c1', status: 'awaiting_approval' },
      { kind: 'approval_request', callId: 'c1', name: 'run_command', args: { command: 'rm -rf build' }, reason: 'Runs a shell command', rule: 'ask mode', source: null, suggestedRule: 'Bash(rm -rf build)' },
    );
    // No row of its own after both calls: it is on c1's card, which says it is waiting.
    expect(asked.items.map((item) => item.kind)).toEqual(['tool', 'tool']);
    expect(asked.items[1]).toMatchObject({
      callId: 'c1',
      status: 'awaiting_approval',
      approval: { kind: 'approval', name: 'run_command', reason: 'Runs a shell command', rule: 'ask mode', source: null, suggestedRule: 'Bash(rm -rf build)', outcome: { kind: 'pending' } },
    });
    expect(asked.items[0]).toMatchObject({ callId: 'c0', approval: null });
    const denied = foldEvents(asked, [
      { kind: 'approval_decision', callId: 'c1', approved: false, reason: 'not that folder', seq: 5, at: 0 },
      { kind: 'tool_status', callId: 'c1', status: 'denied', seq: 6, at: 0 },
    ]);
    expect(denied.items[1]).toMatchObject({ status: 'denied', approval: { outcome: { kind: 'denied', reason: 'not that folder' } } });
    const approved = foldEvents(asked, [
      { kind: 'approval_decision', callId: 'c1', approved: true, reason: null, savedRule: 'Bash(rm -rf build)', seq: 5, at: 0 },
      { kind: 'tool_status', callId: 'c1', status: 'running', seq: 6, at: 0 },
    ]);
    expect(approved.items[1]).toMatchObject({ status: 'running', approval: { outcome: { kind: 'approved', savedRule: 'Bash(rm -rf build)' } } });
  });

  it('asks again after a resume at the end of the conversation, retiring the approval on the card', () => {
    const { items } = fold(
      { kind: 'tool_call', step: 1, callId: 'c1', name: 'run_command', args: {} },
      { kind: 'approval_request', callId: 'c1', name: 'run_command', args: {}, reason: 'r' },
      { kind: 'status', status: 'interrupted', reason: 'Braid stopped' },
      { kind: 'approval_request', callId: 'c1', name: 'run_command', args: {}, reason: 'r' },
      { kind: 'approval_decision', callId: 'c1', approved: true, reason: null },
    );
    expect(items.map((item) => item.kind)).toEqual(['tool', 'status', 'approval']);
    expect(items[0]).toMatchObject({ approval: { outcome: { kind: 'superseded' } } });
    expect(items[2]).toMatchObject({ outcome: { kind: 'approved' } });
  });

  it('shows an approval whose call is in a page not loaded yet as a row of its own', () => {
    const { items } = fold({ kind: 'approval_request', callId: 'old', name: 'run_command', args: {}, reason: 'r' });
    expect(items).toMatchObject([{ kind: 'approval', callId: 'old', outcome: { kind: 'pending' } }]);
  });

  it('offers Retry only on the newest error while nothing but status lines followed it', () => {
    const failed = fold(
      { kind: 'error', message: 'first', code: 'PROVIDER_ERROR', retryable: true },
      { kind: 'user_message', text: 'again' },
      { kind: 'error', message: 'second', code: 'PROVIDER_ERROR', retryable: true },
      { kind: 'status', status: 'failed', reason: 'second' },
    );
    expect(failed.activeErrorKey).toBe('error:3');
    const resumed = foldEvents(failed, [{ kind: 'assistant_text', step: 1, text: 'ok', seq: 5, at: 0 }]);
    expect(resumed.activeErrorKey).toBeNull();
  });

  it('shows status changes the user must know about, not the routine ones', () => {
    const { items } = fold(
      { kind: 'status', status: 'running', reason: null },
      { kind: 'status', status: 'needs_approval', reason: 'Approve run_command?' },
      { kind: 'status', status: 'paused', reason: 'Step limit reached' },
      { kind: 'status', status: 'stopped', reason: null },
      { kind: 'status', status: 'interrupted', reason: null },
      { kind: 'status', status: 'done', reason: null },
    );
    expect(items.map((i) => (i.kind === 'status' ? i.status : i.kind))).toEqual(['paused', 'stopped', 'interrupted', 'done']);
  });

  it('marks compaction and todo lists', () => {
    const { items } = fold(
      { kind: 'compaction', summary: 'We fixed X.', upToSeq: 40 },
      { kind: 'todos', todos: [{ content: 'write tests', status: 'in_progress' }] },
    );
    expect(items).toMatchObject([
      { kind: 'compaction', summary: 'We fixed X.' },
      { kind: 'todos', todos: [{ content: 'write tests', status: 'in_progress' }] },
    ]);
  });

  it('shows a slash command with its expanded prompt, what built-ins printed, /clear and the rules given', () => {
    const command = { name: 'review-file', arguments: 'src/a.ts', source: 'project' as const, origin: '.claude/commands/review-file.md', allowedTools: ['Read'], model: null };
    const given = { file: 'AGENTS.md', scope: 'project' as const, activation: 'always' as const, chars: 20, originalChars: 20, importedBy: null };
    const { items } = fold(
      { kind: 'rules_loaded', trigger: 'run', path: null, rules: [given], warnings: ['huge.md was cut'], text: null },
      { kind: 'user_message', text: 'Review src/a.ts thoroughly', command },
      { kind: 'command_output', name: 'plan', arguments: 'a cache', text: 'Started **Cache**', tasks: [{ taskId: 'task000002', title: 'Cache' }] },
      { kind: 'context_cleared' },
      { kind: 'rules_loaded', trigger: 'path', path: 'packages/api/x.ts', rules: [{ ...given, file: 'packages/api/AGENTS.md', activation: 'nested' }], warnings: [], text: 'Rules…' },
    );
    expect(items).toMatchObject([
      { kind: 'rules', trigger: 'run', rules: [given], warnings: ['huge.md was cut'] },
      { kind: 'user', text: 'Review src/a.ts thoroughly', command },
      { kind: 'commandOutput', name: 'plan', arguments: 'a cache', tasks: [{ taskId: 'task000002', title: 'Cache' }] },
      { kind: 'cleared' },
      { kind: 'rules', trigger: 'path', path: 'packages/api/x.ts' },
    ]);
  });

  it('shows an ask_user call as a question card: asked, answered, its result on the same card', () => {
    const { items } = fold(
      { kind: 'tool_call', step: 1, callId: 'q1', name: 'ask_user', args: { question: 'Sidebar?', choices: ['Yes', 'No'] } },
      { kind: 'tool_status', callId: 'q1', status: 'running' },
      { kind: 'tool_status', callId: 'q1', status: 'awaiting_input' },
      { kind: 'question', callId: 'q1', question: 'Sidebar?', choices: ['Yes', 'No'] },
      { kind: 'answer', callId: 'q1', answer: 'Yes' },
      { kind: 'tool_status', callId: 'q1', status: 'done' },
      { kind: 'tool_result', callId: 'q1', isError: false, text: 'The user answered: Yes', durationMs: 5 },
    );
    expect(items).toEqual([
      expect.objectContaining({ kind: 'question', callId: 'q1', question: 'Sidebar?', choices: ['Yes', 'No'], asked: true, answer: 'Yes', status: 'done', superseded: false }),
    ]);
  });

  it('asks a question again after a resume at the end, retiring the unanswered card', () => {
    const { items } = fold(
      { kind: 'tool_call', step: 1, callId: 'q1', name: 'ask_user', args: { question: 'Sidebar?' } },
      { kind: 'question', callId: 'q1', question: 'Sidebar?', choices: [] },
      { kind: 'status', status: 'interrupted', reason: null },
      { kind: 'question', callId: 'q1', question: 'Sidebar?', choices: [] },
      { kind: 'answer', callId: 'q1', answer: 'No' },
    );
    expect(items.map((item) => item.kind)).toEqual(['question', 'status', 'question']);
    expect(items[0]).toMatchObject({ superseded: true, answer: null });
    expect(items[2]).toMatchObject({ asked: true, superseded: false, answer: 'No' });
  });

  it('shows a plan version where it was submitted and the user’s decision as a line', () => {
    const { items } = fold(
      { kind: 'tool_call', step: 1, callId: 'p1', name: 'submit_plan', args: {} },
      { kind: 'tool_result', callId: 'p1', isError: false, text: 'Plan v1 submitted', durationMs: 1 },
      { kind: 'plan_version', version: 1, author: 'agent', title: 'Nav', markdown: null },
      { kind: 'status', status: 'plan_review', reason: 'Plan v1 awaits approval' },
      { kind: 'plan_decision', version: 1, decision: 'rejected', message: 'Not now', comments: [] },
    );
    expect(items.map((item) => item.kind)).toEqual(['tool', 'plan', 'planDecision']);
    expect(items[1]).toMatchObject({ version: 1, author: 'agent' });
    expect(items[2]).toMatchObject({ version: 1, decision: 'rejected', message: 'Not now' });
  });

  it('shows a review version where it was submitted, as a review card after the call', () => {
    const { items } = fold(
      { kind: 'tool_call', step: 1, callId: 'r1', name: 'submit_review', args: {} },
      { kind: 'tool_result', callId: 'r1', isError: false, text: 'Review v2 submitted', durationMs: 1 },
      { kind: 'review_version', version: 2, verdict: 'correct', findings: 0, fixed: 1 },
      { kind: 'status', status: 'done', reason: 'Review v2: correct, no findings; 1 earlier finding fixed' },
    );
    expect(items.map((item) => item.kind)).toEqual(['tool', 'review', 'status']);
    expect(items[1]).toMatchObject({ version: 2, verdict: 'correct', findings: 0, fixed: 1 });
  });

  it('ignores updates for a call whose start is in a page not loaded yet', () => {
    const { items } = fold({ kind: 'tool_output', callId: 'old', chunk: 'x' }, { kind: 'tool_result', callId: 'old', isError: false, text: 'r', durationMs: 1 });
    expect(items).toEqual([]);
  });

  it('names the assistant message a batch finished, for the screen-reader announcement', () => {
    const streaming = fold({ kind: 'assistant_text', step: 1, text: 'All tests pass.' });
    const more = foldEvents(streaming, [{ kind: 'assistant_text', step: 1, text: ' Really.', seq: 2, at: 0 }]);
    expect(completedAssistantText(streaming, more)).toBeNull();
    const done = foldEvents(more, [{ kind: 'status', status: 'done', reason: null, seq: 3, at: 0 }]);
    expect(completedAssistantText(more, done)).toBe('All tests pass. Really.');
  });

  it('an external agent’s call takes its title, newer arguments and reported diffs; its thoughts fold into one row per step', () => {
    const { items } = fold(
      { kind: 'engine_session', sessionId: 's1', how: 'loaded', agent: 'claude-agent-acp', version: '0.101.0', loadable: true },
      { kind: 'assistant_thought', step: 1, text: 'The user wants ' },
      { kind: 'assistant_thought', step: 1, text: 'a file.' },
      { kind: 'tool_call', step: 1, callId: 'a1', name: 'Write', args: {} },
      { kind: 'tool_info', callId: 'a1', title: 'Preparing file…', toolKind: 'edit', locations: [] },
      { kind: 'tool_info', callId: 'a1', title: 'Write hello.txt', toolKind: 'edit', locations: ['hello.txt'], args: { file_path: '/w/hello.txt' } },
      { kind: 'file_diff', callId: 'a1', path: 'hello.txt', oldText: null, newText: 'hi\n', truncated: false },
      { kind: 'tool_result', callId: 'a1', isError: false, text: 'Wrote it', durationMs: 3 },
    );
    expect(items.map((item) => item.kind)).toEqual(['engineSession', 'thought', 'tool']);
    expect(items[0]).toMatchObject({ how: 'loaded', agent: 'claude-agent-acp', version: '0.101.0' });
    expect(items[1]).toMatchObject({ text: 'The user wants a file.' });
    expect(items[2]).toMatchObject({
      name: 'Write',
      title: 'Write hello.txt',
      toolKind: 'edit',
      args: { file_path: '/w/hello.txt' },
      diffs: [{ path: 'hello.txt', oldText: null, newText: 'hi\n', truncated: false }],
      status: 'done',
    });
  });
});
