import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureExternalAgents } from '../../../../scripts/external-agents.mjs';
import { samplePlan } from '../../../testing/sample-plan';
import { startScriptedModelServer, type RecordedRequest, type ScriptedTurn } from '../../../testing/scripted-model-server';
import { argsDigest } from '../../audit/entry-hash';
import { agentWorld } from '../../testing/agent-fixture';
import { expectOk } from '../../testing/services-fixture';
import { tempFolder } from '../../testing/temp-folders';

/**
 * The real Claude Code, through its ACP adapter, as a task's engine: installed from the npm
 * registry into the shared cache (`scripts/external-agents.mjs`, filled by `.ci/run`), pointed at
 * the scripted model server's Anthropic endpoint with a dummy key, telemetry and updates off. When
 * the registry cannot be reached the test is skipped and its name says why.
 */
const install = ensureExternalAgents();
const name = 'Claude Code (claude-agent-acp) creates a file in the worktree after the approval card, and the timeline shows its Write call';

/** Claude Code's requests: a short one for the session's title (no tools), then the agent's steps. */
function claudeScript(file: string): (request: RecordedRequest) => ScriptedTurn {
  return (request) => {
    const body = request.body as { tools?: { name: string }[]; messages: { content: unknown }[] };
    if (!(body.tools ?? []).some((tool) => tool.name === 'Write')) return { text: 'Greeting file' };
    const answered = JSON.stringify(body.messages.at(-1)?.content ?? '').includes('tool_result');
    if (!answered) return { text: 'I will create hello.txt.', toolCalls: [{ name: 'Write', args: { file_path: file, content: 'hello from Claude Code\n' } }] };
    return { text: 'Created hello.txt.' };
  };
}

/** Claude Code and its adapter as a user's install, pointed at the scripted model server. */
async function claudeWorld() {
  if (!install.available) throw new Error(install.reason);
  const server = await startScriptedModelServer({ apiKey: 'sk-ant-dummy' });
  const home = tempFolder('braid-claude-home-');
  const world = await agentWorld({
    server,
    implementMode: null,
    env: {
      // Claude Code and its adapter found on PATH as a user's install would be; Node for the adapter.
      PATH: [install.binDir, dirname(process.execPath), ...(process.env.PATH ?? '').split(delimiter)].join(delimiter),
      HOME: home,
      ANTHROPIC_BASE_URL: server.url,
      ANTHROPIC_API_KEY: 'sk-ant-dummy',
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      DISABLE_ERROR_REPORTING: '1',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      // Containers that run as root often set this (this one does); the adapter then offers bypass mode.
      ...(process.env.IS_SANDBOX ? { IS_SANDBOX: process.env.IS_SANDBOX } : {}),
    },
    agents: { external: { timeouts: { initializeMs: 120_000, sessionMs: 120_000 } } },
    waitTimeoutMs: 120_000,
  });
  return { server, world };
}

describe('a real external CLI over ACP', () => {
  it.skipIf(!install.available)(install.available ? name : `${name} — SKIPPED: ${install.reason}`, { timeout: 180_000 }, async () => {
    const { server, world } = await claudeWorld();
    const engines = await world.services.engines.list();
    expect(engines.find((engine) => engine.agent === 'claude-code')).toMatchObject({ installed: true, version: '0.101.0', note: expect.stringContaining('Uses your claude') });

    const worktreeFile = (task: { workspace: { path: string } }) => join(task.workspace.path, 'hello.txt');
    // The path is the worktree's: known once the task exists, so the script reads it then.
    let target = '';
    server.script((request) => claudeScript(target)(request));
    const created = expectOk(await world.services.tasks.create({ projectId: world.project.id, title: 'Greeting', prompt: 'Create hello.txt saying hello', role: 'implement', engine: { kind: 'acp', agent: 'claude-code' } }));
    target = worktreeFile(created.task);
    const task = await created.settled;

    const request = await world.waitForEvent(task.id, 'approval_request');
    expect(request).toMatchObject({ name: 'write_file', args: { path: 'hello.txt' } });
    expect(existsSync(target)).toBe(false);
    expectOk(world.services.agents.decide(task.id, request.callId, true, null));
    await world.waitForStatus(task.id, 'done');

    expect(readFileSync(target, 'utf8')).toBe('hello from Claude Code\n');
    const timeline = world.timeline(task.id);
    expect(timeline.find((event) => event.kind === 'engine_session')).toMatchObject({ how: 'new', agent: '@agentclientprotocol/claude-agent-acp', version: '0.101.0' });
    expect(timeline.find((event) => event.kind === 'tool_call' && event.callId === request.callId)).toMatchObject({ name: 'Write' });
    expect(timeline.filter((event) => event.kind === 'tool_info' && event.callId === request.callId).at(-1)).toMatchObject({ title: 'Write hello.txt', toolKind: 'edit', locations: ['hello.txt'] });
    expect(timeline.find((event) => event.kind === 'tool_result' && event.callId === request.callId)).toMatchObject({ isError: false });
    expect(timeline.filter((event) => event.kind === 'assistant_text').map((event) => event.text).join('')).toContain('Created hello.txt.');
    // Claude Code reports its usage and cost; the task shows them.
    expect(world.task(task.id).agent.usage.inputTokens).toBeGreaterThan(0);
    expect(server.requests.every((recorded) => recorded.path === '/v1/messages')).toBe(true);
    // The audit trail digests the call's arguments as Claude Code finally gave them (they arrive after the call).
    const finalArgs = timeline.filter((event) => event.kind === 'tool_info' && event.callId === request.callId && event.args !== undefined).at(-1);
    expect(finalArgs).toMatchObject({ args: { file_path: target, content: 'hello from Claude Code\n' } });
    const entry = expectOk(world.services.audit.list({ projectId: world.project.id, taskId: task.id, limit: 100 })).entries.find((candidate) => candidate.type === 'tool.call');
    expect(entry?.payload).toMatchObject({ callId: request.callId, name: 'Write', argsDigest: argsDigest(finalArgs?.kind === 'tool_info' ? finalArgs.args : null), outcome: 'ok' });
  });
});

const planName = 'Claude Code hands in a plan task’s plan with mcp__braid__submit_plan (Braid’s MCP server): v1 waits at the gate';

/** Claude Code's requests for a plan task: the session's title (no Braid tools), then a submit_plan call, then its last words. */
function claudePlanScript(request: RecordedRequest): ScriptedTurn {
  const body = request.body as { tools?: { name: string }[]; messages: { content: unknown }[] };
  if ((body.tools ?? []).length === 0) return { text: 'Navigation plan' };
  const answered = JSON.stringify(body.messages.at(-1)?.content ?? '').includes('tool_result');
  if (!answered) return { text: 'Here is the plan.', toolCalls: [{ name: 'mcp__braid__submit_plan', args: samplePlan() }] };
  return { text: 'The plan is submitted.' };
}

describe('a real external CLI with Braid’s tools', () => {
  it.skipIf(!install.available)(install.available ? planName : `${planName} — SKIPPED: ${install.reason}`, { timeout: 180_000 }, async () => {
    const { server, world } = await claudeWorld();
    server.script(claudePlanScript);
    const created = expectOk(await world.services.tasks.create({ projectId: world.project.id, title: 'Plan the nav', prompt: 'Plan grouping the navigation', role: 'plan', engine: { kind: 'acp', agent: 'claude-code' } }));
    const task = await created.settled;
    await world.waitForStatus(task.id, 'plan_review');

    expect(expectOk(world.services.plans.list(task.id))).toEqual([expect.objectContaining({ version: 1, author: 'agent', status: 'proposed', plan: expect.objectContaining({ title: 'Group the navigation' }) })]);
    const timeline = world.timeline(task.id);
    const call = timeline.find((event): event is Extract<typeof event, { kind: 'tool_call' }> => event.kind === 'tool_call' && event.name === 'submit_plan');
    expect(call).toBeDefined();
    expect(timeline.find((event) => event.kind === 'tool_result' && event.callId === call!.callId)).toMatchObject({ isError: false, text: expect.stringMatching(/^Plan v1 submitted/) });
    expect(timeline.find((event) => event.kind === 'plan_version')).toMatchObject({ version: 1, author: 'agent' });
    // Claude Code was briefed on how a plan is handed in, and got Braid's tools, nothing else of Braid's.
    const asked = server.requests.find((recorded) => JSON.stringify(recorded.body).includes('mcp__braid__submit_plan'))!;
    expect(JSON.stringify(asked.body)).toContain('Hand the plan in with the submit_plan tool');
    expect((asked.body as { tools: { name: string }[] }).tools.map((tool) => tool.name).filter((name) => name.startsWith('mcp__'))).toEqual(['mcp__braid__ask_user', 'mcp__braid__submit_plan']);
    const answer = server.requests.find((recorded) => JSON.stringify((recorded.body as { messages: { content: unknown }[] }).messages.at(-1)?.content ?? '').includes('tool_result'));
    expect(JSON.stringify(answer?.body)).toContain('Plan v1 submitted (2 steps, 2 acceptance criteria)');
  });
});
