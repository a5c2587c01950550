import type { CommandConfinement, CommandIsolation, SandboxAbility } from './command-isolation';

/**
 * Commands under bubblewrap (`bwrap`) in their own PID namespace. bwrap's init (pid 1 inside)
 * exits when the command's main process does, and the kernel then kills every process left in
 * the namespace, however it detached (`setsid`, double forks). `--die-with-parent` ties the
 * namespace to Braid, so a crash of the host leaves nothing behind either.
 *
 * Unconfined, the whole filesystem is bound as it is (devices included, so `/dev/null` and the
 * pty work unchanged) and the network is shared. Confined (the sandbox), `/` is read-only, the
 * worktree is bound writable over it, `/tmp` is a private empty tmpfs, devices stay as they
 * are (the pty, `/dev/null`) but `/dev/shm` is private too, and `--unshare-net` leaves the
 * command a network namespace of its own: no interface but its own loopback.
 */
export function bubblewrapIsolation(bwrapPath: string, sandbox: SandboxAbility = { kind: 'bubblewrap', limitation: null }): CommandIsolation {
  return {
    kind: 'bubblewrap',
    capabilities: { pidNamespace: true },
    limitation: null,
    sandbox,
    launch: ({ argv, cwd, env, confinement }) => {
      if (confinement && sandbox.limitation !== null) throw new Error(`bubblewrap cannot sandbox commands here: ${sandbox.limitation}`);
      return {
        file: bwrapPath,
        args: [
          ...(confinement ? confinedMounts(confinement) : ['--dev-bind', '/', '/']),
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
        // The private /tmp is the only temporary folder a sandboxed command can write.
        env: confinement ? { ...env, TMPDIR: '/tmp' } : env,
        // bwrap itself, then its init; the command's shell is the first process below them.
        stop: { kind: 'namespace', commandDepth: 2 },
      };
    },
  };
}

/** The sandbox's mounts, in order: later mounts sit on top of earlier ones. */
export function confinedMounts(confinement: CommandConfinement): string[] {
  return [
    '--ro-bind', '/', '/',
    '--dev-bind', '/dev', '/dev',
    '--tmpfs', '/dev/shm',
    '--tmpfs', '/tmp',
    // Under the private /tmp these would be gone; they come back read-only, then writable.
    ...confinement.readable.flatMap((path) => ['--ro-bind', path, path]),
    ...confinement.writable.flatMap((path) => ['--bind', path, path]),
    ...(confinement.protected ?? []).flatMap((path) => ['--ro-bind', path, path]),
    ...(confinement.network ? [] : ['--unshare-net']),
  ];
}
