import { randomUUID } from 'node:crypto';
import type { CommandIsolation } from './command-isolation';

/** The variable every command of this launcher carries, so its detached processes can be found (Linux). */
export const commandMarkerVariable = 'BRAID_COMMAND_ID';

/**
 * No isolation: the command runs as it is, and stopping it reaches its process group, its
 * descendants and, on Linux, every process still carrying its environment marker. A process
 * that leaves all three (a daemon that also clears its environment) can outlive the command;
 * `limitation` says why nothing better was available.
 */
export function processGroupIsolation(limitation: string, platform: NodeJS.Platform = process.platform): CommandIsolation {
  const markEnvironment = platform === 'linux';
  return {
    kind: 'none',
    capabilities: { pidNamespace: false },
    limitation,
    launch: ({ argv, cwd, env }) => {
      const marker = markEnvironment ? { name: commandMarkerVariable, value: randomUUID() } : undefined;
      return {
        file: argv[0]!,
        args: argv.slice(1),
        cwd,
        env: marker ? { ...env, [marker.name]: marker.value } : env,
        stop: { kind: 'process-group', envMarker: marker },
      };
    },
  };
}
