import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where web mode keeps its data when no `--data-dir` is given: `$BRAID_DATA_DIR`, else the
 * XDG data folder (`$XDG_DATA_HOME/braid`, default `~/.local/share/braid`). The desktop app
 * uses Electron's userData folder instead.
 */
export function defaultWebDataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.BRAID_DATA_DIR) return resolve(env.BRAID_DATA_DIR);
  const xdg = env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(xdg, 'braid');
}
