import { fail, type Result } from '../../../src-shared/contract';
import { serverKey, type HubServer, type McpHub, type McpPromptInfo, type McpServerConfig } from '../mcp';

export interface PromptListingOptions {
  /** How long a listing waits for the servers; a later answer is kept for the next listing. */
  waitMs?: number;
  /** How long a server's prompt list is used without asking the server again. */
  freshMs?: number;
  /** How long a server that could not list its prompts is left alone before it is tried again. */
  failureMs?: number;
  /** Bounds one prompts/list request (a started server keeps listing after the listing returned). */
  requestTimeoutMs?: number;
  now?: () => number;
}

export interface PromptListing {
  prompts: McpPromptInfo[];
  /** A server whose prompts are missing, and why. */
  problems: { server: string; message: string }[];
}

interface Known {
  result: Result<McpPromptInfo[]>;
  at: number;
}

/**
 * The prompts of a task's MCP servers for the `/` menu, without starting a process per menu:
 * - a server already running (a task's agent holds it) is asked live;
 * - otherwise the list fetched last is used while fresh. Fetching starts the server under a
 *   holder of its own and stops it (with its process tree) as soon as it has answered; a second
 *   listing meanwhile joins that fetch instead of starting another process.
 * Lists are kept per server config (`serverKey`: name and everything it starts with), so an
 * edited `.mcp.json` entry is a new server and is asked at once. A listing waits `waitMs` at
 * most: a server that has not answered by then (or failed) is a problem, not a hang.
 */
export function createMcpPromptListing(hub: McpHub, options: PromptListingOptions = {}) {
  const waitMs = options.waitMs ?? 5_000;
  const freshMs = options.freshMs ?? 60_000;
  const failureMs = options.failureMs ?? 15_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  const known = new Map<string, Known>();
  const fetching = new Map<string, Promise<Result<McpPromptInfo[]>>>();
  let fetches = 0;

  const isFresh = (entry: Known) => now() - entry.at < (entry.result.ok ? freshMs : failureMs);

  /** Starts the server for itself (joining a start already under way), lists its prompts and lets it go. */
  const fetchPrompts = (config: McpServerConfig): Promise<Result<McpPromptInfo[]>> => {
    const key = serverKey(config);
    const running = fetching.get(key);
    if (running) return running;
    const holder = `slash-commands:prompts:${++fetches}`;
    const fetch = (async (): Promise<Result<McpPromptInfo[]>> => {
      try {
        const [status] = await hub.acquire(holder, [{ config }]);
        if (status?.state !== 'ready') return fail('MCP_SERVER_FAILED', `it did not start: ${status?.error ?? 'it was stopped'}`);
        return (await hub.promptsIfRunning(config, requestTimeoutMs)) ?? fail('MCP_SERVER_FAILED', 'it stopped before it listed its prompts');
      } finally {
        await hub.release(holder);
      }
    })()
      .catch((error: unknown) => fail('MCP_SERVER_FAILED', error instanceof Error ? error.message : String(error)))
      .then((result) => {
        known.set(key, { result, at: now() });
        if (fetching.get(key) === fetch) fetching.delete(key);
        return result;
      });
    fetching.set(key, fetch);
    return fetch;
  };

  const promptsOf = async (config: McpServerConfig): Promise<Result<McpPromptInfo[]>> => {
    const live = await hub.promptsIfRunning(config, requestTimeoutMs);
    if (live) {
      if (live.ok) known.set(serverKey(config), { result: live, at: now() });
      return live;
    }
    const entry = known.get(serverKey(config));
    return entry && isFresh(entry) ? entry.result : fetchPrompts(config);
  };

  return {
    async list(servers: readonly HubServer[]): Promise<PromptListing> {
      for (const [key, entry] of known) if (!isFresh(entry)) known.delete(key);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), waitMs)));
      try {
        const answers = await Promise.all(servers.map(async ({ config }) => ({ server: config.name, answer: await Promise.race([promptsOf(config), late]) })));
        const listing: PromptListing = { prompts: [], problems: [] };
        for (const { server, answer } of answers) {
          if (answer === 'late') listing.problems.push({ server, message: `did not list its prompts within ${waitMs / 1000} s (still starting?); type / again to see them` });
          else if (!answer.ok) listing.problems.push({ server, message: `its prompts are not listed: ${answer.error.message}` });
          else listing.prompts.push(...answer.data);
        }
        return listing;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
