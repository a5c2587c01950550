import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureEngine, fixtureRequests, type FixtureScript, type FixtureStep } from '../../../testing/acp-fixture';
import { samplePlan } from '../../../testing/sample-plan';
import { agentWorld } from '../../testing/agent-fixture';
import { expectOk } from '../../testing/services-fixture';
import { tempFolder } from '../../testing/temp-folders';

const submitPlan = (plan: unknown, extra: Partial<Extract<FixtureStep, { mcpCall: unknown }>['mcpCall']> = {}): FixtureStep => ({ mcpCall: { tool: 'submit_plan', args: plan, ...extra } });
/** What the agent said, line by line (the fixture says each tool's result as a line). */
const said = (world: Awaited<ReturnType<typeof agentWorld>>, taskId: string) =>
  world
    .timeline(taskId)
    .flatMap((event) => (event.kind === 'assistant_text' ? [event.text] : []))
    .join('\n')
    .split('\n')
    .filter((line) => line !== '');
const callOf = (world: Awaited<ReturnType<typeof agentWorld>>, taskId: string, name: string) =>
  world.timeline(taskId).find((event): event is Extract<typeof event, { kind: 'tool_call' }> => event.kind === 'tool_call' && event.name === name);

describe('Braid’s own tools for an external agent (its MCP server in session/new)', () => {
  it('a plan task run by an ACP agent submits its plan through Braid’s server: v1 waits at the gate, shown and audited as Braid’s agent’s plan', async () => {
    const world = await agentWorld();
    const requestLog = join(tempFolder('braid-acp-log-'), 'requests.jsonl');
    const script: FixtureScript = { requestLog, turns: [[{ say: 'Reading the code.' }, submitPlan(samplePlan(), { toolUseId: true }), { say: 'Submitted.' }]] };
    const task = await world.createTask('Plan the nav', 'Plan grouping the navigation', 'plan', fixtureEngine(script));
    await world.waitForStatus(task.id, 'plan_review');
    expect(world.task(task.id).agent.statusReason).toBe('Plan v1 awaits approval');
    expect(expectOk(world.services.plans.list(task.id))).toEqual([expect.objectContaining({ version: 1, author: 'agent', status: 'proposed', plan: expect.objectContaining({ title: 'Group the navigation' }) })]);

    // The server came with the session: HTTP on the loopback, with a token.
    const created = fixtureRequests(requestLog).find((request) => request.method === 'session/new')!.params as { mcpServers: { name: string; type?: string; url?: string; headers?: { name: string; value: string }[] }[] };
    expect(created.mcpServers).toEqual([{ type: 'http', name: 'braid', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/), headers: [{ name: 'Authorization', value: expect.stringMatching(/^Bearer [\w-]{43}$/) }] }]);

    // The agent's own card of the call is the one answered, under Braid's name, as Braid's agent's call shows.
    const timeline = world.timeline(task.id);
    const call = callOf(world, task.id, 'submit_plan');
    expect(call).toBeDefined();
    expect(timeline.filter((event) => event.kind === 'tool_call')).toHaveLength(1);
    const result = timeline.filter((event) => event.kind === 'tool_result' && event.callId === call!.callId);
    expect(result).toEqual([expect.objectContaining({ isError: false, text: expect.stringMatching(/^Plan v1 submitted \(2 steps, 2 acceptance criteria\)/) })]);
    // The agent's echo of the result is not shown again as the call's output.
    expect(timeline.some((event) => event.kind === 'tool_output' && event.callId === call!.callId)).toBe(false);
    expect(timeline.find((event) => event.kind === 'plan_version')).toMatchObject({ version: 1, author: 'agent', title: 'Group the navigation' });
    expect(said(world, task.id)).toEqual(['Reading the code.', expect.stringMatching(/^Tool result: Plan v1 submitted/), 'Submitted.']);
    const entries = expectOk(world.services.audit.list({ projectId: world.project.id, taskId: task.id, limit: 100 })).entries;
    expect(entries.find((entry) => entry.type === 'plan.submitted')?.payload).toMatchObject({ version: 1 });
    expect(entries.find((entry) => entry.type === 'tool.call')?.payload).toMatchObject({ callId: call!.callId, name: 'submit_plan', outcome: 'ok' });

    // Approving it goes on as for Braid's agent's plan.
    expectOk(await world.services.plans.approve(task.id, 1));
    expect(expectOk(world.services.plans.get(task.id, 1)).status).toBe('approved');
  });

  it('an invalid plan gets the precise problems back and is not stored; the third invalid one in a row fails the task', async () => {
    const world = await agentWorld();
    const invalid = { ...samplePlan({ steps: [] }), title: '' };
    const script: FixtureScript = { turns: [[submitPlan(invalid), submitPlan(invalid), submitPlan(invalid), submitPlan(samplePlan())]] };
    const task = await world.createTask('Plan badly', 'Plan', 'plan', fixtureEngine(script));
    const failed = await world.waitForStatus(task.id, 'failed');
    expect(failed.agent.statusReason).toMatch(/^The model could not produce a valid plan: 3 submissions in a row were invalid/);
    const words = said(world, task.id);
    expect(words.slice(0, 3)).toEqual([
      'Tool error: The plan is invalid; nothing was submitted. Fix these and call submit_plan again (invalid submission 1 of 3 allowed in a row):',
      '- title: must not be empty',
      '- steps: a plan needs at least one step',
    ]);
    expect(words).toContain('This was invalid submission 3 in a row: the task has failed.');
    // The run was over: the valid plan after it was not taken.
    expect(words.at(-1)).toBe('Tool error: Not run: submit_plan ended the run before this call.');
    expect(expectOk(world.services.plans.list(task.id))).toEqual([]);
    expect(world.timeline(task.id).find((event) => event.kind === 'error')).toMatchObject({ code: 'INVALID_INPUT' });
    const refused = expectOk(world.services.audit.list({ projectId: world.project.id, taskId: task.id, limit: 100 })).entries.filter((entry) => entry.type === 'plan.submission_refused');
    expect(refused).toHaveLength(3);
  });

  it('a request with another token, and a tool the role was not offered, are refused', async () => {
    const world = await agentWorld();
    const script: FixtureScript = {
      turns: [[submitPlan(samplePlan(), { token: 'not-the-token' }), { mcpCall: { tool: 'submit_review', args: { verdict: 'correct', explanation: 'x', confidence: 1, findings: [] } } }, { say: 'Giving up.' }]],
    };
    const task = await world.createTask('Plan', 'Plan', 'plan', fixtureEngine(script));
    await world.waitForStatus(task.id, 'done');
    const words = said(world, task.id);
    expect(words[0]).toMatch(/^MCP call failed: .*A valid token is required\./);
    expect(words[1]).toMatch(/^Tool error: Permission denied: submit_review is not available to a planning task/);
    expect(expectOk(world.services.plans.list(task.id))).toEqual([]);
    const denied = expectOk(world.services.audit.list({ projectId: world.project.id, taskId: task.id, limit: 100 })).entries.find((entry) => entry.type === 'approval.decided');
    expect(denied?.payload).toMatchObject({ tool: 'submit_review', approved: false });
  });

  it('ask_user waits for the user’s answer (the agent’s turn stays open) and the answer goes back as the result', async () => {
    const world = await agentWorld();
    const script: FixtureScript = { turns: [[{ mcpCall: { tool: 'ask_user', args: { question: 'Sidebar or top bar?', choices: ['Sidebar', 'Top bar'] } } }, { say: 'Thanks.' }]] };
    const task = await world.createTask('Ask', 'Plan the nav', 'plan', fixtureEngine(script));
    const question = await world.waitForEvent(task.id, 'question');
    expect(question).toMatchObject({ question: 'Sidebar or top bar?', choices: ['Sidebar', 'Top bar'] });
    expect(world.task(task.id).agent).toMatchObject({ status: 'needs_input', statusReason: 'Question: Sidebar or top bar?' });
    // The question is on the agent's call, named as Braid's agent's.
    expect(callOf(world, task.id, 'ask_user')).toMatchObject({ callId: question.callId });
    expect(said(world, task.id)).toEqual([]);

    expectOk(world.services.agents.answer(task.id, question.callId, 'Sidebar'));
    await world.waitForStatus(task.id, 'done');
    expect(said(world, task.id)).toEqual(['Tool result: The user answered: Sidebar', 'Thanks.']);
    expect(world.timeline(task.id).find((event) => event.kind === 'answer')).toMatchObject({ callId: question.callId, answer: 'Sidebar' });
  });

  it('Stop while ask_user waits ends the wait and the turn, and Braid’s server goes with the agent', async () => {
    const world = await agentWorld({ agents: { external: { cancelGraceMs: 5_000 } } });
    const requestLog = join(tempFolder('braid-acp-log-'), 'requests.jsonl');
    const script: FixtureScript = { requestLog, turns: [[{ mcpCall: { tool: 'ask_user', args: { question: 'Which one?' } } }, { say: 'never said' }]] };
    const task = await world.createTask('Ask', 'Plan', 'plan', fixtureEngine(script));
    const question = await world.waitForEvent(task.id, 'question');
    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
    const timeline = world.timeline(task.id);
    expect(timeline.find((event) => event.kind === 'tool_result' && event.callId === question.callId)).toMatchObject({ isError: true, text: 'Stopped by the user before the tool finished.' });
    expect(timeline.find((event) => event.kind === 'turn_ended')).toMatchObject({ stopReason: 'cancelled' });
    expect(world.services.agents.answer(task.id, question.callId, 'late')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const { url } = (fixtureRequests(requestLog).find((request) => request.method === 'session/new')!.params as { mcpServers: { url: string }[] }).mcpServers[0]!;
    await expect(fetch(url, { method: 'POST' })).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });

  it('an agent that runs MCP servers only over stdio gets Braid’s tools through the bridge', async () => {
    const world = await agentWorld();
    const requestLog = join(tempFolder('braid-acp-log-'), 'requests.jsonl');
    const script: FixtureScript = { requestLog, mcpCapabilities: { http: false, sse: false }, turns: [[{ ...submitPlan(samplePlan(), { report: false }), askPermission: false }]] };
    const task = await world.createTask('Plan over stdio', 'Plan', 'plan', fixtureEngine(script));
    await world.waitForStatus(task.id, 'plan_review');
    expect(expectOk(world.services.plans.list(task.id)).map((version) => version.version)).toEqual([1]);
    const created = fixtureRequests(requestLog).find((request) => request.method === 'session/new')!.params as { mcpServers: { name: string; command?: string; args?: string[] }[] };
    expect(created.mcpServers).toEqual([expect.objectContaining({ name: 'braid', command: process.execPath, args: [expect.stringMatching(/loop-tools-bridge\.mjs$/)] })]);
    // The agent reported no call of its own: Braid's card of it holds the result.
    const call = callOf(world, task.id, 'submit_plan');
    expect(call).toMatchObject({ callId: expect.stringMatching(/^acp-host-/) });
    expect(world.timeline(task.id).find((event) => event.kind === 'tool_result' && event.callId === call!.callId)).toMatchObject({ isError: false });
  });

  it('a review task run by an ACP agent submits its review: stored as v1 with its finding, the run done', async () => {
    const world = await agentWorld();
    const implement = await world.createTask('Greeting', 'Add greet', 'implement', fixtureEngine({ turns: [[{ writeDirect: { path: 'src/greet.ts', content: "export const greet = (name: string) => 'Hello ' + nme;\n" } }]] }));
    await world.waitForStatus(implement.id, 'done');
    const finding = { title: 'greet() names an undefined variable', priority: 'P1', confidence: 0.9, file: 'src/greet.ts', lineStart: 1, lineEnd: 1, body: '`nme` is not defined.' };
    const reviewScript: FixtureScript = { turns: [[{ mcpCall: { tool: 'submit_review', args: { verdict: 'incorrect', explanation: 'It throws.', confidence: 0.9, findings: [finding] } } }]] };
    const review = expectOk(await world.services.reviews.start({ taskId: implement.id, engine: fixtureEngine(reviewScript) }));
    expect(review).toMatchObject({ role: 'review', reviewedTaskId: implement.id, engine: { kind: 'acp-command' } });
    await world.waitForStatus(review.id, 'done');
    expect(world.task(review.id).agent.statusReason).toBe('Review v1: incorrect, 1 P1');
    const overview = expectOk(world.services.reviews.overview(implement.id));
    expect(overview.reports).toHaveLength(1);
    expect(overview.findings).toEqual([expect.objectContaining({ title: finding.title, priority: 'P1', path: 'src/greet.ts', status: 'open' })]);
    expect(world.timeline(review.id).find((event) => event.kind === 'review_version')).toMatchObject({ version: 1, verdict: 'incorrect', findings: 1 });
  });
});
