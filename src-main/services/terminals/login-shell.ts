import { accessSync, constants } from 'node:fs';
import { isAbsolute } from 'node:path';
import { userInfo } from 'node:os';

/**
 * The user's login shell, as a terminal app starts it: `$SHELL`, else the account's shell,
 * else bash, else sh, with `-l` so the user's profile sets PATH and the rest as in their own
 * terminal. (Agent commands deliberately do not do this; a user's terminal should.)
 */
export function loginShell(env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform): { file: string; args: string[] } {
  if (platform === 'win32') return { file: env.ComSpec || env.COMSPEC || 'cmd.exe', args: [] };
  const candidates = [env.SHELL, accountShell(), '/bin/bash', '/bin/sh'];
  const file = candidates.find((candidate): candidate is string => !!candidate && isAbsolute(candidate) && isExecutable(candidate)) ?? '/bin/sh';
  return { file, args: ['-l'] };
}

/**
 * The environment a terminal starts with: the host's own (what the user's session gave Braid),
 * minus what only makes sense for Braid's own processes, plus what tells programs they run in
 * a colour terminal, plus the workspace's variables (`extra`, last, so they win).
 */
export function terminalEnvironment(extra: Record<string, string>, env: Record<string, string | undefined> = process.env): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && !hostOnlyVariables.has(name)) environment[name] = value;
  return { ...environment, COLORTERM: 'truecolor', TERM_PROGRAM: 'Braid', ...extra };
}

/** Set for Braid's own processes: an editor or app started from the shell would run Electron as plain Node. */
const hostOnlyVariables = new Set(['ELECTRON_RUN_AS_NODE', 'ELECTRON_NO_ATTACH_CONSOLE']);

function accountShell(): string | undefined {
  try {
    return userInfo().shell ?? undefined;
  } catch {
    return undefined;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
