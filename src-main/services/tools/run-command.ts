import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { CommandConfinement, CommandIsolation } from '../sandbox/command-isolation';
import { runInPty, type PtyCommandOutcome } from './pty-command';
import type { WorkspaceToolContext } from './tool-context';
import { guardTool, toolError, toolErrorFrom, toolText } from './tool-result';

/**
 * The `_meta` key under which the caller names a tool call, so streamed output can be tied
 * to it: `client.callTool({ name, arguments, _meta: { [callIdMetaKey]: callId } })`.
 * Without it the MCP request id is used.
 */
export const callIdMetaKey = 'braid/callId';

export const maxCommandTimeoutMs = 10 * 60 * 1000;

export const runCommandInput = {
  command: z.string().min(1).describe('A shell command line (bash), run in the workspace root.'),
  timeout_ms: z
    .number()
    .int()
    .min(1)
    .max(maxCommandTimeoutMs)
    .optional()
    .describe('Stop the command after this many milliseconds. Default 2 minutes, at most 10.'),
};

export interface RunCommandSettings {
  env: Record<string, string>;
  /** Detected once per host; commands wait for it the first time. */
  isolation: Promise<CommandIsolation>;
  /** Asked at each command: the sandbox it runs in, or null (see `WorkspaceToolServerOptions.confinement`). */
  confinement?: () => CommandConfinement | null;
  /** A sentence added to the description when long-lived services can be started another way. */
  servicesHint?: string;
  defaultTimeoutMs: number;
  maxOutputChars: number;
  killGraceMs: number;
  flushMs: number;
  onCommandOutput?: (callId: string, chunk: string) => void;
  /** Aborted when the server closes: running commands are stopped with it. */
  serverClosed: AbortSignal;
}

export function registerRunCommand(server: McpServer, context: WorkspaceToolContext, settings: RunCommandSettings): void {
  server.registerTool(
    'run_command',
    {
      description: [
        'Run a shell command in a terminal in the workspace root and return its output and exit code. The command cannot read input; anything it leaves running in the background (with &, setsid, nohup or a daemon) is stopped when it ends.',
        settings.servicesHint,
      ]
        .filter(Boolean)
        .join(' '),
      inputSchema: runCommandInput,
      annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
    },
    (input, extra) =>
      guardTool('run_command', async () => {
        const root = context.resolve('.');
        if (!root.ok) return toolErrorFrom(root);
        const metaCallId = extra._meta?.[callIdMetaKey];
        const callId = typeof metaCallId === 'string' ? metaCallId : `request-${String(extra.requestId)}`;
        const outcome = await runInPty({
          command: input.command,
          isolation: await settings.isolation,
          confinement: settings.confinement?.() ?? null,
          cwd: root.data,
          env: settings.env,
          timeoutMs: input.timeout_ms ?? settings.defaultTimeoutMs,
          signal: AbortSignal.any([extra.signal, settings.serverClosed]),
          onOutput: settings.onCommandOutput && ((chunk) => settings.onCommandOutput?.(callId, chunk)),
          flushMs: settings.flushMs,
          maxOutputChars: settings.maxOutputChars,
          killGraceMs: settings.killGraceMs,
        });
        return describeOutcome(outcome, input.timeout_ms ?? settings.defaultTimeoutMs);
      }),
  );
}

function describeOutcome(outcome: PtyCommandOutcome, timeoutMs: number): CallToolResult {
  const output = outcome.output.trimEnd() === '' ? '(no output)' : outcome.output.trimEnd();
  const seconds = `${(outcome.durationMs / 1000).toFixed(1)} s`;
  switch (outcome.ending) {
    case 'timed-out':
      return toolError(`${output}\n[timed out after ${timeoutMs / 1000} s: the command and every process it started were stopped]`);
    case 'cancelled':
      return toolError(`${output}\n[cancelled after ${seconds}: the command and every process it started were stopped]`);
    case 'exited':
      if (outcome.exitCode === 0) return toolText(`${output}\n[exit code 0, ${seconds}]`);
      return toolError(`${output}\n[${outcome.exitCode === null ? 'killed by a signal' : `exit code ${outcome.exitCode}`}, ${seconds}]`);
  }
}
