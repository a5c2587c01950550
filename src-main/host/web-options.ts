import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { defaultWebDataDir } from './data-dir';

export interface WebOptions {
  dataDir: string;
  worktreesRoot?: string;
  bindHost: string;
  port: number;
  allowedHostNames: string[];
  rendererDir?: string;
}

export const webUsage = `Usage: npm run web -- [options]
  --data-dir <dir>        where Braid keeps its database and worktrees (default: $XDG_DATA_HOME/braid)
  --worktrees-dir <dir>   where task worktrees are created (default: <data-dir>/worktrees)
  --port <n>              port to listen on (default: 4317; 0 picks a free one)
  --host <addr>           address to bind (default: 127.0.0.1; anything else exposes Braid to your network)
  --allowed-host <name>   extra Host header to accept, e.g. through a tunnel (repeatable)`;

/** Parses web-mode arguments; a mistake is reported as a message, never a stack trace. */
export function parseWebOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): { ok: true; options: WebOptions } | { ok: false; message: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string' },
        'worktrees-dir': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        'renderer-dir': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    return { ok: false, message: `${error instanceof Error ? error.message : String(error)}\n${webUsage}` };
  }
  if (values.help) return { ok: false, message: webUsage };
  const port = values.port === undefined ? Number(env.BRAID_PORT ?? 4317) : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: `--port must be a whole number from 0 to 65535, not "${values.port ?? env.BRAID_PORT}".` };
  return {
    ok: true,
    options: {
      dataDir: values['data-dir'] ? resolve(values['data-dir']) : defaultWebDataDir(env),
      worktreesRoot: values['worktrees-dir'] ? resolve(values['worktrees-dir']) : undefined,
      bindHost: values.host ?? '127.0.0.1',
      port,
      allowedHostNames: values['allowed-host'] ?? [],
      rendererDir: values['renderer-dir'] ? resolve(values['renderer-dir']) : undefined,
    },
  };
}
