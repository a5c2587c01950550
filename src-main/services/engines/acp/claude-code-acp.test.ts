import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureExternalAgents } from '../../../../scripts/external-agents.mjs';
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

describe('a real external CLI over ACP', () => {
  it.skipIf(!install.available)(install.available ? name : `${name} — SKIPPED: ${install.reason}`, { timeout: 180_000 }, async () => {
    if (!install.available) return;
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
