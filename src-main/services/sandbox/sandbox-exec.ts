import type { CommandConfinement } from './command-isolation';

/** Device files every command may write (streams and the terminal). */
const writableDevices = ['/dev/null', '/dev/zero', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/dtracehelper'];

/**
 * The macOS sandbox profile (`sandbox-exec -p <profile>`) for a confined command: everything
 * is allowed but writing, which is allowed only in the worktree, the temporary folders and the
 * terminal's devices, and (unless the project allows it) the network, of which only local
 * Unix sockets remain. `tempFolders` are the real paths of `/private/tmp` and `$TMPDIR`.
 */
export function sandboxExecProfile(confinement: CommandConfinement, tempFolders: readonly string[]): string {
  const writable = [...confinement.writable, ...tempFolders].map((path) => `(subpath ${quote(path)})`);
  const devices = writableDevices.map((path) => `(literal ${quote(path)})`);
  return [
    '(version 1)',
    '(allow default)',
    '(deny file-write*)',
    `(allow file-write* ${[...writable, ...devices, '(regex #"^/dev/ttys[0-9]+$")', '(regex #"^/dev/fd/[0-9]+$")'].join(' ')})`,
    ...(confinement.network ? [] : ['(deny network*)', '(allow network* (remote unix-socket))']),
    '',
  ].join('\n');
}

/** A string literal of the profile language (Scheme): backslashes and quotes escaped. */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
