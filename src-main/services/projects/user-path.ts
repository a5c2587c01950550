import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Turns what a user typed into an absolute path: `~` and `~/x` mean the home folder, and a
 * relative path is taken from the home folder (the app's own working folder means nothing
 * to a user).
 */
export function resolveUserPath(typed: string, home: string = homedir()): string {
  const trimmed = typed.trim();
  if (trimmed === '~') return home;
  if (trimmed.startsWith('~/') || trimmed.startsWith('~\\')) return join(home, trimmed.slice(2));
  return isAbsolute(trimmed) ? resolve(trimmed) : resolve(home, trimmed);
}
