import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { bubblewrapIsolation } from './bubblewrap';
import type { CommandIsolation } from './command-isolation';
import { processGroupIsolation } from './process-group';
import { unshareIsolation } from './unshare';

export interface DetectIsolationOptions {
  platform?: NodeJS.Platform;
  /** Searched for `bwrap`, `unshare`, `setpriv`, `sh`; default `$PATH` plus the usual system folders. */
  searchPath?: string;
  uid?: number;
  /** `off` turns isolation off (an escape hatch when it gets in a user's way). */
  setting?: string;
  log?: (line: string) => void;
}

const probeTimeoutMs = 5_000;
const sandboxExecPath = '/usr/bin/sandbox-exec';
const systemFolders = ['/usr/bin', '/bin', '/usr/local/bin', '/usr/sbin', '/sbin'];

/**
 * The best isolation this machine offers, tried for real: bubblewrap, else `unshare`, else
 * none (with the reason). A candidate counts only when a probe command really runs inside a
 * new PID namespace as the same user, so a bwrap that user namespaces are refused to (some
 * distributions, some containers) falls through instead of failing every command later.
 */
export async function detectCommandIsolation(options: DetectIsolationOptions = {}): Promise<CommandIsolation> {
  const platform = options.platform ?? process.platform;
  if (options.setting === 'off') return processGroupIsolation('isolation is turned off (BRAID_COMMAND_ISOLATION=off)', platform);
  if (platform === 'darwin') return processGroupIsolation(platformReason(platform), platform, isExecutable(sandboxExecPath) ? sandboxExecPath : undefined);
  if (platform !== 'linux') return processGroupIsolation(platformReason(platform), platform);
  const reasons: string[] = [];
  for (const candidate of namespaceCandidates(options)) {
    if (typeof candidate.isolation === 'string') {
      reasons.push(candidate.isolation);
      continue;
    }
    const failure = await probe(candidate.isolation, options.uid ?? ownUid());
    if (failure === null) return candidate.name === 'bubblewrap' ? withProbedSandbox(candidate.isolation, options) : candidate.isolation;
    reasons.push(`${candidate.name} could not create a PID namespace (${failure})`);
  }
  return processGroupIsolation(reasons.join('; '), platform);
}

/** Every PID-namespace isolation that works on this machine, best first (for tests that try each). */
export async function workingNamespaceIsolations(options: DetectIsolationOptions = {}): Promise<CommandIsolation[]> {
  if ((options.platform ?? process.platform) !== 'linux') return [];
  const working: CommandIsolation[] = [];
  for (const candidate of namespaceCandidates(options)) {
    if (typeof candidate.isolation !== 'string' && (await probe(candidate.isolation, options.uid ?? ownUid())) === null) {
      working.push(candidate.name === 'bubblewrap' ? await withProbedSandbox(candidate.isolation, options) : candidate.isolation);
    }
  }
  return working;
}

/** The isolations to try, best first; a string says why one is not even a candidate. */
function namespaceCandidates(options: DetectIsolationOptions): { name: string; isolation: CommandIsolation | string }[] {
  const folders = (options.searchPath ?? [process.env.PATH ?? '', ...systemFolders].join(delimiter)).split(delimiter).filter(Boolean);
  const find = (name: string) => folders.map((folder) => join(folder, name)).find(isExecutable);
  const bwrap = find('bwrap');
  const unshare = find('unshare');
  const sh = find('sh');
  return [
    { name: 'bubblewrap', isolation: bwrap ? bubblewrapIsolation(bwrap) : 'bubblewrap (bwrap) is not installed' },
    {
      name: 'unshare',
      isolation:
        unshare && sh
          ? unshareIsolation({ unsharePath: unshare, setprivPath: find('setpriv'), asRoot: (options.uid ?? ownUid()) === 0, shPath: sh })
          : 'unshare is not installed',
    },
  ];
}

/**
 * bubblewrap that makes PID namespaces may still be refused mounts or a network namespace:
 * the sandbox counts only once a confined probe really finds `/` read-only and its private
 * /tmp writable.
 */
async function withProbedSandbox(isolation: CommandIsolation, options: DetectIsolationOptions): Promise<CommandIsolation> {
  const bwrap = isolation.launch({ argv: ['true'], cwd: tmpdir(), env: {} }).file;
  const launch = isolation.launch({
    argv: ['/bin/sh', '-c', 'if touch /braid-sandbox-probe 2>/dev/null; then rm -f /braid-sandbox-probe; echo writable; else touch /tmp/probe && echo confined; fi'],
    cwd: '/',
    env: { PATH: process.env.PATH ?? systemFolders.join(':') },
    confinement: { writable: [], readable: [], network: false },
  });
  const outcome = await new Promise<string>((resolve) => {
    execFile(launch.file, launch.args, { cwd: launch.cwd, env: launch.env, timeout: probeTimeoutMs }, (error, stdout, stderr) => {
      if (error) return resolve(`${stderr}`.trim().split('\n').pop() || error.message);
      resolve(`${stdout}`.trim());
    });
  });
  if (outcome === 'confined') return isolation;
  const why = outcome === 'writable' ? 'a confined probe could still write to /' : outcome;
  options.log?.(`[sandbox] bubblewrap cannot sandbox commands here: ${why}`);
  return bubblewrapIsolation(bwrap, { kind: 'none', limitation: `bubblewrap cannot sandbox commands here (${why})` });
}

function ownUid(): number {
  return process.getuid?.() ?? 0;
}

let machineIsolation: Promise<CommandIsolation> | undefined;

/** Detected once per process, on first use (the host asks at start-up). */
export function machineCommandIsolation(): Promise<CommandIsolation> {
  machineIsolation ??= detectCommandIsolation({ setting: process.env.BRAID_COMMAND_ISOLATION });
  return machineIsolation;
}

/** Null when the candidate works; else what went wrong, in the tool's own words where it gave any. */
function probe(candidate: CommandIsolation, uid: number): Promise<string | null> {
  const launch = candidate.launch({ argv: ['/bin/sh', '-c', 'echo "$$ $(id -u)"'], cwd: tmpdir(), env: { PATH: process.env.PATH ?? systemFolders.join(':') } });
  return new Promise((resolve) => {
    execFile(launch.file, launch.args, { cwd: launch.cwd, env: launch.env, timeout: probeTimeoutMs }, (error, stdout, stderr) => {
      const said = `${stderr}`.trim().split('\n').pop() ?? '';
      if (error) return resolve(said || error.message);
      const [pid, ownUid] = `${stdout}`.trim().split(' ');
      // The command runs as pid 2: below the namespace's init, never as a process of the host's namespace.
      if (pid !== '2') return resolve(`the probe ran as pid ${pid ?? '?'}, not inside a new PID namespace`);
      if (Number(ownUid) !== uid) return resolve(`the probe ran as uid ${ownUid ?? '?'}, not as ${uid}`);
      resolve(null);
    });
  });
}

function platformReason(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'Windows has no PID namespaces; Braid stops a command\'s process tree with taskkill /T, which misses processes that detached from it';
  if (platform === 'darwin') return 'macOS has no PID namespaces; a process that leaves the command\'s process group and process tree can outlive it';
  return `${platform} has no PID namespaces Braid can use; a process that leaves the command's process group and process tree can outlive it`;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
