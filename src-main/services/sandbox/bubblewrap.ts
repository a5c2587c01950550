import type { CommandIsolation } from './command-isolation';

/**
 * Commands under bubblewrap (`bwrap`) in their own PID namespace. bwrap's init (pid 1 inside)
 * exits when the command's main process does, and the kernel then kills every process left in
 * the namespace, however it detached (`setsid`, double forks). `--die-with-parent` ties the
 * namespace to Braid, so a crash of the host leaves nothing behind either.
 *
 * Nothing else is restricted yet: the whole filesystem is bound as it is (devices included, so
 * `/dev/null` and the pty work unchanged) and the network is shared. Write confinement and
 * network rules belong here later.
 */
export function bubblewrapIsolation(bwrapPath: string): CommandIsolation {
  return {
    kind: 'bubblewrap',
    capabilities: { pidNamespace: true },
    limitation: null,
    launch: ({ argv, cwd, env }) => ({
      file: bwrapPath,
      args: [
        '--dev-bind',
        '/',
        '/',
        // A /proc of the command's own namespace, so `ps` and `kill` inside see its processes.
        '--proc',
        '/proc',
        '--unshare-pid',
        '--die-with-parent',
        '--chdir',
        cwd,
        '--',
        ...argv,
      ],
      cwd,
      env,
      // bwrap itself, then its init; the command's shell is the first process below them.
      stop: { kind: 'namespace', commandDepth: 2 },
    }),
  };
}
