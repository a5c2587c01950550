import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import * as acp from '@agentclientprotocol/sdk';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/**
 * A deterministic ACP agent built with the SDK's agent side, for tests over a real stdio
 * transport: each prompt turn runs the next script of steps (the last one repeats). It edits
 * files the way real agents do (a tool call with a diff, a permission request, then
 * `fs/write_text_file`), reads files, runs commands in client terminals, streams text,
 * thoughts and plans, reports usage, calls tools of the MCP servers it is given in `session/new`
 * (with the MCP SDK's client, over HTTP or stdio), and can misbehave on purpose (crash, write
 * garbage, hang until cancelled, end a turn with another stop reason).
 *
 *   node --import tsx acp-fixture-agent.ts <base64 JSON of FixtureScript | @script.json>
 *
 * With `loadSession`, sessions are kept in `stateDir` (one JSON file each), so a new process can
 * `session/load` one and replays it as updates, as real agents do.
 */
export type FixtureStep =
  | { say: string }
  | { think: string }
  /** Says the prompt it got back, so a test can see what reached the agent. */
  | { echoPrompt: true }
  | { plan: { content: string; status: 'pending' | 'in_progress' | 'completed' }[] }
  /** Announces an edit with its diff, asks permission, and writes with `fs/write_text_file` if allowed. */
  | { edit: { path: string; content: string; title?: string }; askPermission?: boolean }
  /** `fs/write_text_file` without asking first (Braid's rules decide it on their own). */
  | { writeDirect: { path: string; content: string } }
  | { read: { path: string } }
  /** Asks permission for a command, then runs it in a client terminal and waits for it. */
  | { run: { command: string; args?: string[] }; askPermission?: boolean }
  | { usage: { used: number; size: number; costUsd?: number } }
  /** Reports a command it ran itself, as Claude Code's and Codex's adapters do (output and exit in `_meta`). */
  | { reportCommand: { command: string; output: string; exitCode: number } }
  | { waitForCancel: true }
  /** Never ends the turn, cancel or not (an agent that hangs). */
  | { hang: true }
  | { crash: { code: number; stderr?: string } }
  | { garbage: { lines: number } }
  /** Starts a detached process (as CLIs start MCP servers or builds), to check it goes down with the agent. */
  | { background: { command: string } }
  | { stopReason: 'end_turn' | 'max_tokens' | 'max_turn_requests' | 'refusal' | 'cancelled' }
  /**
   * Calls a tool of an MCP server from `session/new` (`braid` by default) as Claude Code does:
   * reported first as a `tool_call` (its name `mcp__<server>__<tool>` in `_meta.claudeCode`;
   * `report: false` leaves that out), permission asked unless `askPermission: false`, then the
   * call over the server's transport (`toolUseId`: the call's id in the request's `_meta`, as
   * Claude Code sends it; `token`: another token than the one given). The result goes on the
   * call and is said, as a line: "Tool result: …", "Tool error: …", or "MCP call failed: …".
   */
  | { mcpCall: { tool: string; args: unknown; server?: string; report?: boolean; toolUseId?: boolean; token?: string }; askPermission?: boolean };

export interface FixtureScript {
  turns: FixtureStep[][];
  /** Advertise `loadSession` and keep sessions in this folder. */
  stateDir?: string;
  /** Reported in `initialize` (default 1). */
  protocolVersion?: number;
  /** Modes offered in `session/new` (the first is current). */
  modes?: string[];
  /** Append every request Braid sends (method and params) to this file, one JSON per line. */
  requestLog?: string;
  /** Refuse sessions with "authentication required" until `authenticate` with this method (an API key). */
  requireAuth?: string;
  /**
   * Never answer `initialize` (a CLI stuck in its start): only stopping the process ends it. The
   * request is logged first (`requestLog`), so a test knows the agent is in its start.
   */
  initializeHangs?: boolean;
  /** The MCP transports advertised in `initialize` (default: HTTP, not SSE). */
  mcpCapabilities?: { http: boolean; sse: boolean };
}

interface StoredSession {
  cwd: string;
  turns: number;
  prompts: string[];
  said: string[];
}

// `@<path>`: the script is read from a file when the agent starts, so a test can change what the next process does.
const argument = process.argv[2] ?? '';
const script = JSON.parse(argument.startsWith('@') ? readFileSync(argument.slice(1), 'utf8') : Buffer.from(argument, 'base64').toString('utf8')) as FixtureScript;
const sessions = new Map<string, StoredSession & { cancel?: () => void; cancelled: boolean; mode: string | null; mcpServers: acp.McpServer[] }>();
const mcpClients = new Map<string, Promise<Client>>();
let nextSession = 1;
let authenticated = false;
let nextCall = 1;

const logRequest = (method: string, params: unknown) => {
  if (script.requestLog) writeFileSync(script.requestLog, `${JSON.stringify({ method, params })}\n`, { flag: 'a' });
};

const save = (sessionId: string) => {
  if (!script.stateDir) return;
  const session = sessions.get(sessionId)!;
  mkdirSync(script.stateDir, { recursive: true });
  writeFileSync(join(script.stateDir, `${sessionId}.json`), JSON.stringify({ cwd: session.cwd, turns: session.turns, prompts: session.prompts, said: session.said }));
};

const modeState = () => (script.modes && script.modes.length > 0 ? { currentModeId: script.modes[0]!, availableModes: script.modes.map((id) => ({ id, name: id })) } : undefined);

const app = acp
  .agent({ name: 'braid-fixture-agent' })
  .onRequest('initialize', async ({ params }) => {
    logRequest('initialize', params);
    if (script.initializeHangs) await new Promise<never>(() => undefined);
    return {
      protocolVersion: script.protocolVersion ?? acp.PROTOCOL_VERSION,
      agentCapabilities: { loadSession: script.stateDir !== undefined, mcpCapabilities: script.mcpCapabilities ?? { http: true, sse: false } },
      agentInfo: { name: 'braid-fixture-agent', version: '1.0.0' },
      authMethods: script.requireAuth ? [{ id: script.requireAuth, name: 'API key', description: 'Reads FIXTURE_API_KEY' }] : [],
    };
  })
  .onRequest('authenticate', ({ params }) => {
    logRequest('authenticate', params);
    if (params.methodId !== script.requireAuth) throw acp.RequestError.invalidParams(undefined, `no auth method ${params.methodId}`);
    authenticated = true;
    return {};
  })
  .onRequest('session/new', ({ params }) => {
    logRequest('session/new', params);
    if (script.requireAuth && !authenticated) throw acp.RequestError.authRequired();
    const sessionId = `fixture-session-${process.pid}-${nextSession++}`;
    sessions.set(sessionId, { cwd: params.cwd, turns: 0, prompts: [], said: [], cancelled: false, mode: script.modes?.[0] ?? null, mcpServers: params.mcpServers });
    save(sessionId);
    return { sessionId, ...(modeState() ? { modes: modeState() } : {}) };
  })
  .onRequest('session/load', async ({ params, client }) => {
    logRequest('session/load', params);
    if (!script.stateDir) throw acp.RequestError.methodNotFound('session/load');
    let stored: StoredSession;
    try {
      stored = JSON.parse(readFileSync(join(script.stateDir, `${params.sessionId}.json`), 'utf8')) as StoredSession;
    } catch {
      throw acp.RequestError.resourceNotFound(params.sessionId);
    }
    sessions.set(params.sessionId, { ...stored, cancelled: false, mode: script.modes?.[0] ?? null, mcpServers: params.mcpServers });
    // Replays the conversation, as the protocol says a loading agent does.
    for (const [index, prompt] of stored.prompts.entries()) {
      await client.notify('session/update', { sessionId: params.sessionId, update: { sessionUpdate: 'user_message_chunk', content: { type: 'text', text: prompt } } });
      const said = stored.said[index];
      if (said) await client.notify('session/update', { sessionId: params.sessionId, update: { sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: said } } });
    }
    return modeState() ? { modes: modeState() } : {};
  })
  .onRequest('session/set_mode', ({ params }) => {
    logRequest('session/set_mode', params);
    const session = sessions.get(params.sessionId);
    if (session) session.mode = params.modeId;
    return {};
  })
  .onNotification('session/cancel', ({ params }) => {
    logRequest('session/cancel', params);
    const session = sessions.get(params.sessionId);
    if (!session) return;
    session.cancelled = true;
    session.cancel?.();
  })
  .onRequest('session/prompt', async ({ params, client }) => {
    logRequest('session/prompt', params);
    const session = sessions.get(params.sessionId);
    if (!session) throw acp.RequestError.sessionNotFound(params.sessionId);
    session.cancelled = false;
    const prompt = params.prompt.map((block) => (block.type === 'text' ? block.text : '')).join('');
    const steps = script.turns[Math.min(session.turns, script.turns.length - 1)] ?? [];
    session.turns++;
    session.prompts.push(prompt);
    let said = '';
    const update = (update: acp.SessionUpdate) => client.notify('session/update', { sessionId: params.sessionId, update });
    // The turn is stored however it ends, so a loaded session knows it happened.
    const end = (stopReason: acp.StopReason): acp.PromptResponse => {
      session.said.push(said);
      save(params.sessionId);
      return { stopReason };
    };
    const speak = async (text: string) => {
      said += text;
      await update({ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text } });
    };
    for (const step of steps) {
      if (session.cancelled) return end('cancelled');
      if ('say' in step) await speak(step.say);
      else if ('think' in step) await update({ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: step.think } });
      else if ('echoPrompt' in step) await speak(`Prompt: ${prompt}`);
      else if ('plan' in step) await update({ sessionUpdate: 'plan', entries: step.plan.map((entry) => ({ ...entry, priority: 'medium' as const })) });
      else if ('edit' in step) {
        const toolCallId = `call_${nextCall++}`;
        const path = join(session.cwd, step.edit.path);
        const title = step.edit.title ?? `Write ${step.edit.path}`;
        const diff: acp.ToolCallContent = { type: 'diff', path, oldText: null, newText: step.edit.content };
        await update({ sessionUpdate: 'tool_call', toolCallId, title, kind: 'edit', status: 'pending', locations: [{ path }], rawInput: { file_path: path, content: step.edit.content }, content: [diff] });
        let allowed = true;
        if (step.askPermission !== false) {
          const answer = await client.request('session/request_permission', {
            sessionId: params.sessionId,
            toolCall: { toolCallId, title, kind: 'edit', status: 'pending', locations: [{ path }], rawInput: { file_path: path, content: step.edit.content }, content: [diff] },
            options: [
              { optionId: 'allow', name: 'Allow', kind: 'allow_once' },
              { optionId: 'always', name: 'Always allow', kind: 'allow_always' },
              { optionId: 'reject', name: 'Reject', kind: 'reject_once' },
            ],
          });
          allowed = answer.outcome.outcome === 'selected' && answer.outcome.optionId !== 'reject';
          if (answer.outcome.outcome === 'cancelled') return end('cancelled');
        }
        if (!allowed) {
          await update({ sessionUpdate: 'tool_call_update', toolCallId, status: 'failed', rawOutput: 'The user rejected this edit.' });
          continue;
        }
        await update({ sessionUpdate: 'tool_call_update', toolCallId, status: 'in_progress' });
        try {
          await client.request('fs/write_text_file', { sessionId: params.sessionId, path, content: step.edit.content });
          await update({ sessionUpdate: 'tool_call_update', toolCallId, status: 'completed', rawOutput: `Wrote ${step.edit.path}` });
        } catch (error) {
          await update({ sessionUpdate: 'tool_call_update', toolCallId, status: 'failed', rawOutput: `Could not write: ${error instanceof Error ? error.message : String(error)}` });
        }
      } else if ('writeDirect' in step) {
        try {
          await client.request('fs/write_text_file', { sessionId: params.sessionId, path: step.writeDirect.path.startsWith('/') ? step.writeDirect.path : join(session.cwd, step.writeDirect.path), content: step.writeDirect.content });
          await speak(`Wrote ${step.writeDirect.path}.`);
        } catch (error) {
          await speak(`Writing ${step.writeDirect.path} was refused: ${error instanceof Error ? error.message : String(error)}`);
        }
      } else if ('read' in step) {
        try {
          const read = await client.request('fs/read_text_file', { sessionId: params.sessionId, path: step.read.path.startsWith('/') ? step.read.path : join(session.cwd, step.read.path) });
          await speak(`Read: ${read.content}`);
        } catch (error) {
          await speak(`Reading ${step.read.path} was refused: ${error instanceof Error ? error.message : String(error)}`);
        }
      } else if ('run' in step) {
        const toolCallId = `call_${nextCall++}`;
        const line = [step.run.command, ...(step.run.args ?? [])].join(' ');
        await update({ sessionUpdate: 'tool_call', toolCallId, title: `\`${line}\``, kind: 'execute', status: 'pending', rawInput: { command: line } });
        if (step.askPermission !== false) {
          const answer = await client.request('session/request_permission', {
            sessionId: params.sessionId,
            toolCall: { toolCallId, title: `\`${line}\``, kind: 'execute', rawInput: { command: line } },
            options: [
              { optionId: 'allow', name: 'Allow', kind: 'allow_once' },
              { optionId: 'reject', name: 'Reject', kind: 'reject_once' },
            ],
          });
          if (answer.outcome.outcome !== 'selected' || answer.outcome.optionId === 'reject') {
            await update({ sessionUpdate: 'tool_call_update', toolCallId, status: 'failed', rawOutput: 'Rejected.' });
            continue;
          }
        }
        try {
          const terminal = await client.createTerminal({ sessionId: params.sessionId, command: step.run.command, args: step.run.args ?? [] });
          await update({ sessionUpdate: 'tool_call_update', toolCallId, status: 'in_progress', content: [{ type: 'terminal', terminalId: terminal.id }] });
          const exit = await terminal.waitForExit();
          const output = await terminal.currentOutput();
          await terminal.release();
          await update({ sessionUpdate: 'tool_call_update', toolCallId, status: exit.exitCode === 0 ? 'completed' : 'failed', rawOutput: `${output.output.trim()} (exit ${exit.exitCode})` });
        } catch (error) {
          await update({ sessionUpdate: 'tool_call_update', toolCallId, status: 'failed', rawOutput: `Could not run: ${error instanceof Error ? error.message : String(error)}` });
        }
      } else if ('reportCommand' in step) {
        const toolCallId = `call_${nextCall++}`;
        const { command, output, exitCode } = step.reportCommand;
        await update({ sessionUpdate: 'tool_call', toolCallId, title: `\`${command}\``, kind: 'execute', status: 'in_progress', rawInput: { command } });
        for (const piece of [output.slice(0, Math.ceil(output.length / 2)), output.slice(Math.ceil(output.length / 2))]) {
          await update({ sessionUpdate: 'tool_call_update', toolCallId, _meta: { terminal_output_delta: { terminal_id: toolCallId, data: piece } } });
        }
        await update({ sessionUpdate: 'tool_call_update', toolCallId, status: exitCode === 0 ? 'completed' : 'failed', _meta: { terminal_exit: { terminal_id: toolCallId, exit_code: exitCode, signal: null } } });
      } else if ('usage' in step) {
        await update({ sessionUpdate: 'usage_update', used: step.usage.used, size: step.usage.size, ...(step.usage.costUsd !== undefined ? { cost: { amount: step.usage.costUsd, currency: 'USD' } } : {}) });
      } else if ('waitForCancel' in step) {
        if (!session.cancelled) await new Promise<void>((resolve) => (session.cancel = resolve));
        session.cancel = undefined;
        return end('cancelled');
      } else if ('hang' in step) {
        await new Promise<never>(() => undefined);
      } else if ('crash' in step) {
        if (step.crash.stderr) process.stderr.write(`${step.crash.stderr}\n`);
        process.exit(step.crash.code);
      } else if ('background' in step) {
        spawn('/bin/sh', ['-c', step.background.command], { detached: true, stdio: 'ignore' }).unref();
      } else if ('garbage' in step) {
        for (let line = 0; line < step.garbage.lines; line++) process.stdout.write(`this is not json ${line}\n`);
      } else if ('stopReason' in step) {
        return end(step.stopReason);
      } else if ('mcpCall' in step) {
        const { tool, args, server = 'braid', report = true } = step.mcpCall;
        const toolCallId = `call_${nextCall++}`;
        const title = `${tool} (${server} MCP server)`;
        const call = { toolCallId, title, kind: 'other' as const, rawInput: args, _meta: { claudeCode: { toolName: `mcp__${server}__${tool}` } } };
        if (report) await update({ sessionUpdate: 'tool_call', status: 'pending', ...call });
        if (step.askPermission !== false) {
          const answer: acp.RequestPermissionResponse = await client.request('session/request_permission', {
            sessionId: params.sessionId,
            toolCall: call,
            options: [
              { optionId: 'allow', name: 'Allow', kind: 'allow_once' },
              { optionId: 'reject', name: 'Reject', kind: 'reject_once' },
            ],
          });
          if (answer.outcome.outcome === 'cancelled') return end('cancelled');
          if (answer.outcome.optionId === 'reject') {
            await update({ sessionUpdate: 'tool_call_update', toolCallId, status: 'failed', rawOutput: 'Rejected.' });
            await speak('The call was rejected.');
            continue;
          }
        }
        if (report) await update({ sessionUpdate: 'tool_call_update', toolCallId, status: 'in_progress' });
        // Stop (session/cancel) gives up the call, as an agent's turn does.
        const abort = new AbortController();
        session.cancel = () => abort.abort();
        try {
          const mcp = await mcpClient(session.mcpServers, server, step.mcpCall.token);
          const result = (await mcp.callTool({ name: tool, arguments: args as Record<string, unknown>, ...(step.mcpCall.toolUseId ? { _meta: { 'claudecode/toolUseId': toolCallId } } : {}) }, undefined, { signal: abort.signal })) as {
            isError?: boolean;
            content: { type: string; text?: string }[];
          };
          const text = result.content.map((block) => block.text ?? '').join('\n');
          if (report) await update({ sessionUpdate: 'tool_call_update', toolCallId, status: result.isError ? 'failed' : 'completed', content: [{ type: 'content', content: { type: 'text', text } }] });
          await speak(`${result.isError ? 'Tool error' : 'Tool result'}: ${text}\n`);
        } catch (error) {
          if (session.cancelled) return end('cancelled');
          const message = error instanceof Error ? error.message : String(error);
          if (report) await update({ sessionUpdate: 'tool_call_update', toolCallId, status: 'failed', rawOutput: message });
          await speak(`MCP call failed: ${message}\n`);
        } finally {
          session.cancel = undefined;
        }
      }
    }
    return end('end_turn');
  });

/** A connected MCP client of a server from `session/new`, over its transport; `token` replaces the one Braid gave. */
function mcpClient(servers: readonly acp.McpServer[], name: string, token: string | undefined): Promise<Client> {
  const key = `${name}\u0000${token ?? ''}\u0000${JSON.stringify(servers)}`;
  let connecting = mcpClients.get(key);
  if (!connecting) {
    connecting = (async () => {
      const config = servers.find((server) => server.name === name);
      if (!config) throw new Error(`no MCP server named ${name} was given in session/new`);
      const mcp = new Client({ name: 'braid-fixture-agent', version: '1.0.0' });
      if ('type' in config && config.type === 'http') {
        const headers = Object.fromEntries(config.headers.map((header) => [header.name, header.value]));
        if (token !== undefined) headers.Authorization = `Bearer ${token}`;
        await mcp.connect(new StreamableHTTPClientTransport(new URL(config.url), { requestInit: { headers } }));
      } else if (!('type' in config)) {
        const env = Object.fromEntries(config.env.map((variable) => [variable.name, variable.value]));
        if (token !== undefined) env.BRAID_TOOLS_TOKEN = token;
        await mcp.connect(new StdioClientTransport({ command: config.command, args: config.args, env }));
      } else {
        throw new Error(`the fixture does not speak ${config.type}`);
      }
      return mcp;
    })();
    mcpClients.set(key, connecting);
  }
  return connecting;
}

app.connect(acp.ndJsonStream(Writable.toWeb(process.stdout) as WritableStream<Uint8Array>, Readable.toWeb(process.stdin) as ReadableStream<Uint8Array>));
