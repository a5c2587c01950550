import { killNamespacedTree, killProcessTree } from '../processes/process-tree';
import type { StopStrategy } from './command-isolation';

/**
 * Stops a command launched through a `CommandIsolation` and everything it started, by the
 * launch's own strategy: inside a PID namespace the command's processes first, then the wrapper;
 * without one its process group (it leads one: a pty's first process, or a child spawned
 * `detached`), its descendants and the processes carrying its environment marker.
 */
export function stopLaunched(pid: number, strategy: StopStrategy, graceMs: number): Promise<void> {
  if (strategy.kind === 'namespace') return killNamespacedTree(pid, { graceMs, commandDepth: strategy.commandDepth });
  return killProcessTree(pid, { graceMs, includeGroup: true, envMarker: strategy.envMarker });
}
