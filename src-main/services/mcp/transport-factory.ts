import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isProcessAlive, processIdentity, type ProcessIdentity } from '../processes/process-tree';
import { isStdioConfig, type McpServerConfig, type RemoteServerConfig } from './server-config';

/** How much of a stdio server's stderr we keep to explain a failure. */
const STDERR_TAIL_CHARS = 2_000;

export interface CreatedTransport {
  transport: Transport;
  /**
   * The stdio server's pid once started, also after the SDK let go of it (a timed-out connect
   * closes the transport at once, which only signals the process seconds later); undefined for
   * remote servers and once that process has exited.
   */
  pid(): number | undefined;
  /** The last lines the server wrote to stderr (stdio only), for error messages. */
  stderrTail(): string;
}

/**
 * Builds the SDK transport for an already expanded config. Stdio servers get the SDK's
 * default environment (PATH, HOME, USER, …) plus their own `env`, never Braid's whole
 * environment: API keys in it are not a third-party server's business.
 */
export function createTransport(config: McpServerConfig, remoteKind: 'streamable' | 'sse' = 'streamable'): CreatedTransport {
  if (isStdioConfig(config)) {
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args ?? [],
      ...(config.env && { env: config.env }),
      ...(config.cwd && { cwd: config.cwd }),
      stderr: 'pipe',
    });
    let tail = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    let started: ProcessIdentity | undefined;
    const start = transport.start.bind(transport);
    transport.start = async () => {
      await start();
      started = transport.pid === null ? undefined : processIdentity(transport.pid);
    };
    const pid = () => transport.pid ?? (started && isProcessAlive(started) ? started.pid : undefined);
    return { transport, pid, stderrTail: () => tail.trim() };
  }
  return { transport: createRemoteTransport(config, remoteKind), pid: () => undefined, stderrTail: () => '' };
}

function createRemoteTransport(config: RemoteServerConfig, remoteKind: 'streamable' | 'sse'): Transport {
  const url = new URL(config.url);
  const requestInit: RequestInit = config.headers ? { headers: config.headers } : {};
  if (config.type === 'sse' || remoteKind === 'sse') return new SSEClientTransport(url, { requestInit });
  return new StreamableHTTPClientTransport(url, { requestInit });
}

/**
 * Servers from before Streamable HTTP answer its POST with 404/405 (or 400); the spec's
 * backwards-compatibility advice is to try the old HTTP+SSE transport then.
 */
export function shouldFallBackToSse(config: McpServerConfig, error: unknown): boolean {
  if (isStdioConfig(config) || config.type !== 'http') return false;
  return error instanceof StreamableHTTPError && error.code !== undefined && [400, 404, 405].includes(error.code);
}
