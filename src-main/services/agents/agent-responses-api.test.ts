import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';

describe('Braid’s agent on OpenAI’s Responses API (a codex-tuned model)', () => {
  it('streams its answer, runs its tool call and sends the result back as a function_call_output', async () => {
    const world = await agentWorld({ protocol: 'openai-responses' });
    world.server.enqueue(
      { text: 'Writing the notes.', toolCalls: [{ id: 'call_notes', name: 'write_file', args: { path: 'notes.md', content: 'from codex\n' } }], usage: { input: 900, output: 40, cached: 600 } },
      { text: 'Done.', usage: { input: 1000, output: 5 } },
    );
    const task = await world.createTask('Notes', 'Write notes.md');
    const done = await world.waitForStatus(task.id, 'done');
    expect(readFileSync(join(task.workspace.path, 'notes.md'), 'utf8')).toBe('from codex\n');

    const [first, second] = world.server.requests;
    expect(first).toMatchObject({ protocol: 'openai-responses', path: '/v1/responses', body: { model: 'gpt-5-codex', stream: true } });
    expect(first?.body.tools).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'function', name: 'write_file' })]));
    const output = (second?.body.input as { type?: string; call_id?: string; output?: string }[]).find((item) => item.type === 'function_call_output');
    expect(output).toMatchObject({ call_id: 'call_notes', output: expect.stringContaining('notes.md') });

    expect(world.timeline(task.id).filter((event) => event.kind === 'assistant_text').map((event) => event.text).join('')).toBe('Writing the notes.Done.');
    expect(done.agent.usage).toMatchObject({ inputTokens: 1900, outputTokens: 45, cachedTokens: 600 });
    // Priced as GPT-5 (the catalog's family for codex models), not unknown.
    expect(done.agent.usage.costUsd).toBeGreaterThan(0);
  });
});
