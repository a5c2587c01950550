import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { CommandIsolation } from './command-isolation';
import { sandboxExecProfile } from './sandbox-exec';

/** The variable every command of this launcher carries, so its detached processes can be found (Linux). */
export const commandMarkerVariable = 'BRAID_COMMAND_ID';

/**
 * No isolation: the command runs as it is, and stopping it reaches its process group, its
 * descendants and, on Linux, every process still carrying its environment marker. A process
 * that leaves all three (a daemon that also clears its environment) can outlive the command;
 * `limitation` says why nothing better was available.
 */
export function processGroupIsolation(limitation: string, platform: NodeJS.Platform = process.platform, sandboxExec?: string): CommandIsolation {
  const markEnvironment = platform === 'linux';
  return {
    kind: 'none',
    capabilities: { pidNamespace: false },
    limitation,
    // On macOS `sandbox-exec` confines writes and the network without a PID namespace.
    sandbox: sandboxExec ? { kind: 'sandbox-exec', limitation: null } : { kind: 'none', limitation: noSandboxReason(platform) },
    launch: ({ argv, cwd, env, confinement }) => {
      if (confinement && !sandboxExec) throw new Error('commands cannot be sandboxed on this machine');
      const marker = markEnvironment ? { name: commandMarkerVariable, value: randomUUID() } : undefined;
      const command = confinement && sandboxExec ? [sandboxExec, '-p', sandboxExecProfile(confinement, temporaryFolders()), ...argv] : argv;
      return {
        file: command[0]!,
        args: command.slice(1),
        cwd,
        env: marker ? { ...env, [marker.name]: marker.value } : env,
        stop: { kind: 'process-group', envMarker: marker },
      };
    },
  };
}

function noSandboxReason(platform: NodeJS.Platform): string {
  if (platform === 'linux') return 'the sandbox needs bubblewrap (bwrap), which is not installed or cannot create namespaces here';
  if (platform === 'darwin') return 'sandbox-exec was not found';
  return `${platform} has no sandbox Braid can use`;
}

/** Where a sandboxed command may write temporary files on macOS (real paths: the profile compares them). */
function temporaryFolders(): string[] {
  return [...new Set(['/private/tmp', tmpdir()].map((path) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  }))];
}
