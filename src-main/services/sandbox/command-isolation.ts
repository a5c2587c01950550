/**
 * The seam every agent command is launched through. Today it gives each command its own PID
 * namespace where the machine allows it, so nothing the command starts can outlive it; the
 * full sandbox (writes confined to the worktree, network off, permission modes) is added here
 * later, as more capabilities, without the callers changing.
 */
export interface CommandIsolation {
  kind: IsolationKind;
  capabilities: IsolationCapabilities;
  /** Why commands are not isolated on this machine; null when they are. */
  limitation: string | null;
  /** How to spawn one command so that it runs isolated, and how to stop it again. */
  launch(command: CommandSpec): CommandLaunch;
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
