import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';

type Body = { messages?: { role: string; content: unknown }[]; system?: unknown };

describe('agent context', () => {
  it('compacts near the model window: the summary replaces the old messages, which stay stored', async () => {
    const world = await agentWorld();
    world.server.enqueue(
      // gpt-4o-mini has a 128k window: 120k tokens of context is past the threshold.
      { text: 'ORIGINAL-STEP-ONE', toolCalls: [{ id: 'g1', name: 'glob', args: { pattern: '*.md' } }], usage: { input: 120_000, output: 100 } },
      { text: 'SUMMARY: the user wants the readme checked; glob found README.md.' },
      { text: 'Continuing from the summary.', usage: { input: 2_000, output: 20 } },
    );
    const task = await world.createTask('Long one', 'Check the readme');
    await world.waitForStatus(task.id, 'done');

    const [first, summaryRequest, afterCompaction] = world.server.requests.map((request) => JSON.stringify(request.body as Body));
    expect(first).toContain('Check the readme');
    expect(summaryRequest).toContain('Summarise this conversation');
    expect(afterCompaction).toContain('SUMMARY: the user wants the readme checked');
    expect(afterCompaction).not.toContain('ORIGINAL-STEP-ONE');

    const timeline = world.timeline(task.id);
    expect(timeline.some((event) => event.kind === 'compaction')).toBe(true);
    // The originals are still in the database for the user to read.
    expect(timeline.some((event) => event.kind === 'assistant_text' && event.text.includes('ORIGINAL-STEP-ONE'))).toBe(true);
  });

  it('compacts on request (/compact); the next request starts from the summary', async () => {
    const world = await agentWorld();
    world.server.enqueue({ text: 'First answer.' }, { text: 'SUMMARY-BY-HAND' }, { text: 'Next answer.' });
    const task = await world.createTask('Manual', 'Say something');
    await world.waitForStatus(task.id, 'done');
    expectOk(await world.services.agents.compactNow(task.id));
    expectOk(await world.services.agents.send(task.id, 'And now?'));
    await world.server.waitForRequests(3);
    await world.waitForEvent(task.id, 'assistant_text', (event) => event.text.includes('Next answer.'));
    await world.waitForStatus(task.id, 'done');
    const last = JSON.stringify(world.server.requests.at(-1)?.body);
    expect(last).toContain('SUMMARY-BY-HAND');
    expect(last).not.toContain('First answer.');
    expect(last).toContain('And now?');
  });

  it('puts Anthropic prompt-caching markers on the stable prefix and reports cached tokens', async () => {
    const world = await agentWorld({ protocol: 'anthropic' });
    world.server.enqueue({ text: 'Cached hello.', usage: { input: 5_000, output: 10, cached: 4_000 } });
    const task = await world.createTask('Cache', 'Hello');
    const done = await world.waitForStatus(task.id, 'done');
    const body = world.server.requests[0]?.body as { system: { cache_control?: unknown }[]; messages: { content: { cache_control?: unknown }[] }[] };
    expect(body.system.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
    expect(JSON.stringify(body.messages.at(-1))).toContain('"cache_control":{"type":"ephemeral"}');
    expect(done.agent.usage.cachedTokens).toBe(4_000);
  });

  it('gives the model the project rules from AGENTS.md and the workspace facts', async () => {
    const world = await agentWorld();
    world.server.enqueue({ text: 'ok' });
    const task = await world.createTask('Rules', '');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${task.workspace.path}/AGENTS.md`, 'Always use tabs. RULE-MARKER-7\n');
    expectOk(await world.services.agents.send(task.id, 'hi'));
    await world.waitForStatus(task.id, 'done');
    const first = JSON.stringify(world.server.requests[0]?.body);
    expect(first).toContain('RULE-MARKER-7');
    expect(first).toContain(task.workspace.path);
    expect(first).toContain(task.workspace.branch);
  });
});
