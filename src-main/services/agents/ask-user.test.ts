import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { crashHostAt } from '../testing/crashed-host';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';

const question = { id: 'ask-1', name: 'ask_user', args: { question: 'Sidebar or top bar?', choices: ['Sidebar', 'Top bar'] } };

describe('ask_user', () => {
  it('asks with a question card, waits as "question", and returns the answer to the model; a second answer is refused', async () => {
    const world = await agentWorld();
    world.server.enqueue({ text: 'One question first.', toolCalls: [question] }, { text: 'Sidebar it is.' });
    const task = await world.createTask('Ask', 'Move the navigation');

    const waiting = await world.waitForStatus(task.id, 'needs_input');
    expect(waiting.agent.statusReason).toBe('Question: Sidebar or top bar?');
    expect(await world.waitForEvent(task.id, 'question')).toMatchObject({ callId: 'ask-1', question: 'Sidebar or top bar?', choices: ['Sidebar', 'Top bar'] });
    expect(world.timeline(task.id).findLast((event) => event.kind === 'tool_status')).toMatchObject({ callId: 'ask-1', status: 'awaiting_input' });

    expect(expectOk(world.services.agents.answer(task.id, 'ask-1', 'Sidebar'))).toEqual({ answered: true });
    // A double click: refused clearly, and the model gets one answer.
    expect(world.services.agents.answer(task.id, 'ask-1', 'Sidebar')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await world.waitForStatus(task.id, 'done');
    expect(world.timeline(task.id).filter((event) => event.kind === 'answer')).toEqual([expect.objectContaining({ callId: 'ask-1', answer: 'Sidebar' })]);
    const second = JSON.stringify(world.server.requests[1]?.body);
    expect(second).toContain('The user answered: Sidebar');
    expect(second.split('The user answered').length).toBe(2);
    // An answer to a call nobody waits for (any more) is refused too.
    expect(world.services.agents.answer(task.id, 'no-such-call', 'Hm')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a question without a question, back to the model', async () => {
    const world = await agentWorld();
    world.server.enqueue({ toolCalls: [{ id: 'ask-bad', name: 'ask_user', args: { choices: ['a'] } }] }, { text: 'I will decide myself.' });
    const task = await world.createTask('Ask badly', 'Go');
    await world.waitForStatus(task.id, 'done');
    expect(world.timeline(task.id).find((event) => event.kind === 'tool_result')).toMatchObject({ isError: true, text: expect.stringContaining('question: Invalid input') });
    expect(world.timeline(task.id).some((event) => event.kind === 'question')).toBe(false);
  });

  it('Stop ends the wait; Resume asks the same question again, and then the answer goes through', async () => {
    const world = await agentWorld();
    world.server.enqueue({ toolCalls: [question] }, { text: 'Top bar, then.' });
    const task = await world.createTask('Ask and stop', 'Move the navigation');
    await world.waitForStatus(task.id, 'needs_input');

    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
    expect(world.services.agents.answer(task.id, 'ask-1', 'Sidebar')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    expectOk(await world.services.agents.resume(task.id));
    await world.waitForStatus(task.id, 'needs_input');
    expect(world.timeline(task.id).filter((event) => event.kind === 'question').map((event) => event.kind === 'question' && event.callId)).toEqual(['ask-1', 'ask-1']);
    // The model was not asked again: the unanswered call itself is re-run.
    expect(world.server.requests).toHaveLength(1);
    expectOk(world.services.agents.answer(task.id, 'ask-1', 'Top bar'));
    await world.waitForStatus(task.id, 'done');
    expect(JSON.stringify(world.server.requests[1]?.body)).toContain('The user answered: Top bar');
  });

  it('after the host is killed while a question waits, the task is interrupted and Resume asks it again', async () => {
    const dataDir = tempFolder('braid-ask-crash-');
    const world = await agentWorld({ dataDir: tempFolder('braid-unused-') });
    world.server.enqueue({ toolCalls: [question] });
    const taskId = await crashHostAt({ dataDir, repo: world.repo, baseURL: world.server.openaiBaseURL, protocol: 'openai', kind: 'question' });
    await world.services.close();

    const after = await agentWorld({ dataDir, server: world.server, repo: world.repo });
    expect(after.task(taskId).agent).toMatchObject({ status: 'interrupted', statusReason: 'Braid stopped while the agent’s question waited for your answer. Resume asks it again.' });
    after.server.enqueue({ text: 'Sidebar after the crash.' });
    expectOk(await after.services.agents.resume(taskId));
    await after.waitForStatus(taskId, 'needs_input');
    expect(after.timeline(taskId).filter((event) => event.kind === 'question')).toHaveLength(2);
    expectOk(after.services.agents.answer(taskId, 'ask-1', 'Sidebar'));
    await after.waitForStatus(taskId, 'done');
    expect(JSON.stringify(after.server.requests.at(-1)?.body)).toContain('The user answered: Sidebar');
  });
});
