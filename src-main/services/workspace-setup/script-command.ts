import { existsSync } from 'node:fs';
import { basename } from 'node:path';

/** Shells that run a POSIX script as written (fish, nu, csh and friends do not). */
const posixShells = new Set(['bash', 'zsh', 'sh', 'dash', 'ksh', 'mksh', 'yash', 'ash']);

/**
 * The shell workspace scripts run under: the user's own (`$SHELL`, as Conductor runs its
 * scripts under the user's zsh) when it speaks POSIX, else bash, else sh. Not a login shell:
 * a login profile may reset PATH, and runs would depend on dotfiles.
 */
export function scriptShell(env: Record<string, string | undefined> = process.env): string {
  const own = env.SHELL;
  if (own && own.startsWith('/') && posixShells.has(basename(own)) && existsSync(own)) return own;
  return existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
}

/**
 * One script from a config's command lines: each is shown (`$ npm ci`) and run in order in one
 * shell, so `cd` and `export` carry over as in a script file; the first that fails ends it with
 * its exit code. Exactly these lines run: nothing is added but the echo and the check.
 */
export function scriptText(commands: readonly string[]): string {
  return commands
    .map((command) => [`printf '%s\\n' ${quoted(`$ ${command}`)}`, command, 'braid_status=$?; [ "$braid_status" -eq 0 ] || exit "$braid_status"'].join('\n'))
    .join('\n');
}

/** The argv that runs `commands` under `shell`. */
export function scriptArgv(commands: readonly string[], shell: string): string[] {
  return [shell, '-c', scriptText(commands)];
}

function quoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
