import type { CommandIsolation } from './command-isolation';

/**
 * A small init for the namespace: it runs the command as pid 2 (pid 1 ignores signals it has
 * no handler for, which would change how the command reacts to a stop) and exits with its
 * status; when it exits, the kernel kills whatever else runs in the namespace. The terminal is
 * kept as the command's input through fd 3 (a background job's input is /dev/null otherwise);
 * `2>/dev/null` silences the shell's "Killed" notice when the command dies from a signal.
 */
const namespaceInit = 'exec 3<&0; "$@" 0<&3 3<&- & wait $! 2>/dev/null';

export interface UnshareTools {
  unsharePath: string;
  /** `setpriv`, to have the wrapper killed when Braid dies (as bwrap's `--die-with-parent`). */
  setprivPath?: string;
  /** Without root, a user namespace is needed to create a PID namespace; the user keeps their uid in it. */
  asRoot: boolean;
  /** A POSIX shell for the init. */
  shPath: string;
}

/**
 * Commands in their own PID namespace through util-linux `unshare`, for machines without
 * bubblewrap. `--kill-child` kills the namespace's init when `unshare` dies; `setpriv
 * --pdeathsig KILL`, when available, kills `unshare` when Braid dies.
 */
export function unshareIsolation(tools: UnshareTools): CommandIsolation {
  const prefix = tools.setprivPath ? [tools.setprivPath, '--pdeathsig', 'KILL', '--', tools.unsharePath] : [tools.unsharePath];
  const userNamespace = tools.asRoot ? [] : ['--user', '--map-current-user'];
  return {
    kind: 'unshare',
    capabilities: { pidNamespace: true },
    limitation: null,
    sandbox: { kind: 'none', limitation: 'the sandbox needs bubblewrap; this machine isolates commands with unshare, which gives them a PID namespace only' },
    launch: ({ argv, cwd, env, confinement }) => {
      if (confinement) throw new Error('unshare cannot sandbox commands');
      return {
      file: prefix[0]!,
      args: [...prefix.slice(1), ...userNamespace, '--pid', '--fork', '--kill-child', '--mount-proc', '--', tools.shPath, '-c', namespaceInit, 'braid-init', ...argv],
      cwd,
      env,
      // unshare (setpriv execs into it), then the init shell.
      stop: { kind: 'namespace', commandDepth: 2 },
      };
    },
  };
}
