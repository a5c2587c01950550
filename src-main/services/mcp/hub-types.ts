import type { CallToolResult, ElicitRequest, ElicitResult, GetPromptResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerConfig } from './server-config';

export type { CallToolResult, ElicitRequest, ElicitResult, GetPromptResult };

/** A server as a holder (a task) asks for it: the config plus the tools switched off. */
export interface HubServer {
  config: McpServerConfig;
  disabledTools?: readonly string[];
}

export type McpServerState = 'stopped' | 'connecting' | 'ready' | 'failed';

export interface McpServerStatus {
  /** Identifies the running config (`serverKey(config)`): two projects may both call a server "db". */
  key: string;
  name: string;
  state: McpServerState;
  /** Why it failed, or why it is reconnecting. */
  error?: string;
  /** The stdio server's process id while it runs. */
  pid?: number;
  /** Restarts after crashes since the last manual start. */
  restarts: number;
}

export interface McpToolInfo {
  /** What the model sees: `mcp__<server>__<tool>`. */
  name: string;
  description: string;
  /** JSON Schema of the arguments, as the server declared it. */
  inputSchema: Tool['inputSchema'];
  server: string;
  tool: string;
}

export interface McpPromptInfo {
  server: string;
  name: string;
  description?: string;
  arguments?: { name: string; description?: string; required?: boolean }[];
}

export interface CallToolOptions {
  signal?: AbortSignal;
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
  /** Overrides the hub's tool-call timeout (reset by each progress notification). */
  timeoutMs?: number;
}

export type ElicitationHandler = (request: ElicitRequest['params'], context: { server: string; signal: AbortSignal }) => Promise<ElicitResult>;

export interface RestartPolicy {
  /** First delay after a crash; doubles per consecutive failure. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Consecutive failed restarts before the server is left `failed`. */
  maxAttempts: number;
  /** A server that stayed up this long counts as healthy again (the failure count resets). */
  stableAfterMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxAttempts: 6,
  stableAfterMs: 60_000,
};

/** The delay before restart attempt `attempt` (1-based): 0.5 s, 1 s, 2 s … capped. */
export function restartDelay(policy: RestartPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
}
