/**
 * The seam every agent command is launched through. It gives each command its own PID
 * namespace where the machine allows it, so nothing the command starts can outlive it, and
 * runs a command in the sandbox when its spec carries a `confinement` (full auto, or a project
 * that always sandboxes): writes only to the worktree and a private /tmp, the network off
 * unless allowed (`sandbox` says whether this machine can).
 */
export interface CommandIsolation {
  kind: IsolationKind;
  capabilities: IsolationCapabilities;
  /** Why commands are not isolated on this machine; null when they are. */
  limitation: string | null;
  /** Whether `launch` can honour a `confinement`, with what, and why not when it cannot. */
  sandbox: SandboxAbility;
  /** How to spawn one command so that it runs isolated, and how to stop it again. A confinement this isolation cannot honour is a bug: it throws. */
  launch(command: CommandSpec): CommandLaunch;
}

export interface SandboxAbility {
  kind: 'bubblewrap' | 'sandbox-exec' | 'none';
  /** Why commands cannot be sandboxed here; null when they can. */
  limitation: string | null;
}

/**
 * What a sandboxed command may touch: the file system is read-only but for `writable` (the
 * worktree) and a private, empty /tmp; `readable` are folders the private /tmp would hide that
 * the command must still read (a worktree's git folder when the repository lives in /tmp);
 * `protected` stay read-only inside the writable ones (the worktree's `.git`); `network` false
 * cuts it off from every network, loopback included.
 */
export interface CommandConfinement {
  writable: readonly string[];
  readable: readonly string[];
  protected?: readonly string[];
  network: boolean;
}

export type IsolationKind = 'bubblewrap' | 'unshare' | 'none';

export interface IsolationCapabilities {
  /**
   * The command and everything it starts share a PID namespace that dies with the command's
   * main process, with Braid (the wrapper gets SIGKILL when its parent dies), or on stop.
   */
  pidNamespace: boolean;
}

export interface CommandSpec {
  /** The program and its arguments, e.g. `['/bin/bash', '-c', 'npm test']`. */
  argv: readonly string[];
  cwd: string;
  /** The complete environment for the command. */
  env: Record<string, string>;
  /** Run it in the sandbox (see `CommandConfinement`). */
  confinement?: CommandConfinement | null;
}

export interface CommandLaunch {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  stop: StopStrategy;
}

/**
 * How a launched command is taken down.
 * - `namespace`: the command's own processes start `commandDepth` levels below the spawned
 *   process; the levels above are the isolation's (the wrapper, the namespace's init). Those are
 *   spared the polite SIGTERM, so the command's processes get their grace period; killing the
 *   wrapper ends the namespace and everything in it.
 * - `process-group`: no namespace; the command's process group, its descendants, and (where the
 *   platform lets us read other processes' environments) every process carrying `envMarker`,
 *   which is how a double-forked daemon that left both the group and the tree is found again.
 */
export type StopStrategy =
  | { kind: 'namespace'; commandDepth: number }
  | { kind: 'process-group'; envMarker?: EnvironmentMarker };

export interface EnvironmentMarker {
  name: string;
  value: string;
}
