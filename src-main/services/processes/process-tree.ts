import { execFile } from 'node:child_process';
import { processesWithEnvironment } from './process-environment';
import { readLinuxStat, readProcessTable, type ProcessRow } from './process-table';

/**
 * A process we may signal later. On Linux `startTime` (clock ticks since boot) guards against
 * signalling an unrelated process that reused the pid after ours exited.
 */
export interface ProcessIdentity {
  pid: number;
  startTime?: string;
}

/** A process under a root, with its distance from it (a child is 1). */
export interface Descendant extends ProcessIdentity {
  depth: number;
}

export type KillTreeOptions = {
  /** Time between SIGTERM and SIGKILL. */
  graceMs: number;
  /**
   * Processes seen under the root earlier. Those still running are stopped too, even when they
   * no longer hang below it: a crashed parent leaves its children to init.
   */
  knownDescendants?: readonly ProcessIdentity[];
} & (
  | {
      /**
       * The root leads its own process group (a pty's shell does). The group counts as part of
       * the tree, which reaches background jobs that outlived the shell, and everything is
       * signalled at once, as a terminal hangup does, so a script cannot run its next command
       * when its current one dies. Never for a root in our own group: the group would be ours.
       */
      includeGroup: true;
      spareRoot?: false;
      /**
       * Every process whose environment holds this entry counts as part of the tree too
       * (Linux): a double-forked daemon leaves the group and the tree but keeps its environment.
       */
      envMarker?: { name: string; value: string };
    }
  | {
      includeGroup?: false;
      /** Stop only what runs under the root; the caller ends the root its own, politer way. */
      spareRoot?: boolean;
    }
);

const pollMs = 25;
/** SIGKILL cannot be refused but takes effect asynchronously; how long we wait to see it done. */
const killSettleMs = 2_000;

/**
 * Whether a process still runs. A zombie (exited, not yet reaped by its parent) counts as gone:
 * in containers whose init never reaps, `kill(pid, 0)` alone would say it lives forever. With a
 * known start time, a process that merely reused the pid counts as gone too.
 */
export function isProcessAlive(target: number | ProcessIdentity): boolean {
  return processState(typeof target === 'number' ? { pid: target } : target) !== 'gone';
}

/** The running process `pid`, with its start time where the platform tells it; undefined if none runs. */
export function processIdentity(pid: number): ProcessIdentity | undefined {
  if (processState({ pid }) === 'gone') return undefined;
  const startTime = process.platform === 'linux' ? readLinuxStat(pid)?.startTime : undefined;
  return startTime === undefined ? { pid } : { pid, startTime };
}

/**
 * Every live process below `rootPid`: its children, their children, and so on. Empty when the
 * root does not run, and on Windows, where `taskkill /T` on the root reaches the tree anyway.
 */
export async function listDescendants(rootPid: number): Promise<Descendant[]> {
  const rows = await readProcessTable();
  return liveRow(rows, rootPid) ? walkDescendants(rows, [rootPid]) : [];
}

/** Waits up to `ms` for all `targets` to exit on their own; true if they did. */
export async function waitForExit(targets: readonly ProcessIdentity[], ms: number): Promise<boolean> {
  return (await whileRunning(targets, ms)).length === 0;
}

/**
 * SIGTERM to every target, then SIGKILL to whatever still runs after `graceMs`. Resolves when
 * all are gone, or shortly after the SIGKILL.
 */
export async function killProcesses(targets: readonly ProcessIdentity[], options: { graceMs: number }): Promise<void> {
  if (process.platform === 'win32') {
    await Promise.all(targets.filter(isOurs).map(({ pid }) => taskkillTree(pid)));
    return;
  }
  await terminate(targets, options.graceMs);
}

/**
 * Stops a process and everything it started, SIGTERM first so programs can clean up, SIGKILL
 * after `graceMs` for whatever is left. Without `includeGroup` the tree goes down from the
 * leaves up, each level before its parents, so a living parent collects its children instead
 * of leaving orphans to init (which, in some containers, never reaps them). Resolves when all
 * are gone, or shortly after the SIGKILL.
 */
export async function killProcessTree(rootPid: number, options: KillTreeOptions): Promise<void> {
  // kill(0) and kill(-1) would reach our own group or every process we may signal.
  if (!Number.isInteger(rootPid) || rootPid <= 1) throw new Error(`Not a process to kill: ${rootPid}`);
  const known = (options.knownDescendants ?? []).filter((member) => member.pid !== rootPid);
  if (process.platform === 'win32') {
    // taskkill /T walks the tree itself; Windows has no SIGTERM to offer first.
    await killProcesses(options.spareRoot ? known : [...known, { pid: rootPid }], options);
    return;
  }
  const rows = await readProcessTable();
  if (options.includeGroup) {
    const { envMarker } = options;
    const marked = async () => (envMarker ? processesWithEnvironment(envMarker.name, envMarker.value) : []);
    const members = groupTree(rows, rootPid, [...known, ...(await marked())]);
    // A process started after the SIGTERM (by a trap, say) is found again before the SIGKILL.
    const rescan = async () => groupTree(await readProcessTable(), rootPid, [...members, ...(await marked())]);
    await terminate(members, options.graceMs, { groupId: rootPid, rescan });
    return;
  }
  const root = liveRow(rows, rootPid);
  const descendants = root ? walkDescendants(rows, [rootPid]) : [];
  const inTree = new Set(descendants.map((member) => member.pid));
  await terminate(
    known.filter((member) => !inTree.has(member.pid)),
    options.graceMs,
  );
  const depths = [...new Set(descendants.map((member) => member.depth))].sort((a, b) => b - a);
  for (const depth of depths) {
    await terminate(
      descendants.filter((member) => member.depth === depth),
      options.graceMs,
    );
  }
  if (root && !options.spareRoot) await terminate([identityOf(root)], options.graceMs);
}

/**
 * Stops a command that runs in its own PID namespace below `rootPid` (the isolation's wrapper).
 * The command's processes, `commandDepth` levels down and below, get SIGTERM all at once; the
 * wrapper and the namespace's init are left alone meanwhile, so the namespace lasts through the
 * grace period. When the command's main process ends, the init exits and the kernel kills the
 * rest; if that has not happened after `graceMs`, the wrapper gets SIGKILL, which ends the
 * namespace (and everything in it) all the same. Resolves when the wrapper is gone: by then so
 * is every process of the namespace.
 */
export async function killNamespacedTree(rootPid: number, options: { graceMs: number; commandDepth: number }): Promise<void> {
  if (!Number.isInteger(rootPid) || rootPid <= 1) throw new Error(`Not a process to kill: ${rootPid}`);
  const rows = await readProcessTable();
  const root = liveRow(rows, rootPid);
  if (!root) return;
  const descendants = walkDescendants(rows, [rootPid]);
  const command = descendants.filter((member) => member.depth >= options.commandDepth);
  const wrappers = [identityOf(root), ...descendants.filter((member) => member.depth < options.commandDepth)];
  sendSignal(command.filter(isOurs), 'SIGTERM');
  if ((await whileRunning([identityOf(root)], options.graceMs)).length === 0) return;
  sendSignal(wrappers.filter(isOurs), 'SIGKILL');
  await whileRunning(wrappers, killSettleMs);
}

interface GroupScope {
  groupId: number;
  rescan: () => Promise<ProcessIdentity[]>;
}

async function terminate(targets: readonly ProcessIdentity[], graceMs: number, group?: GroupScope): Promise<void> {
  let alive = targets.filter(isOurs);
  // Nothing left (the usual case after a normal exit): do not signal a group id that could,
  // in theory, already belong to someone else.
  if (alive.length === 0) return;
  sendSignal(alive, 'SIGTERM', group?.groupId);
  alive = await whileRunning(alive, graceMs);
  if (group) alive = uniqueByPid([...alive, ...(await group.rescan())]);
  if (alive.length === 0) return;
  sendSignal(alive, 'SIGKILL', group?.groupId);
  await whileRunning(alive, killSettleMs);
}

/** Polls until every target is gone or `ms` have passed; returns those still running. */
async function whileRunning(targets: readonly ProcessIdentity[], ms: number): Promise<ProcessIdentity[]> {
  const deadline = Date.now() + ms;
  let alive = targets.filter(isOurs);
  while (alive.length > 0 && Date.now() < deadline) {
    await delay(Math.min(pollMs, Math.max(1, deadline - Date.now())));
    alive = alive.filter(isOurs);
  }
  return alive;
}

/** Live members of the root's group, the descendants of the root and of those members, and any still-live `known`. */
function groupTree(rows: readonly ProcessRow[], rootPid: number, known: readonly ProcessIdentity[]): ProcessIdentity[] {
  const live = rows.filter((row) => !row.zombie);
  const members = live.filter((row) => row.pgid === rootPid).map(identityOf);
  const descendants = walkDescendants(live, [rootPid, ...members.map((member) => member.pid)]);
  const stillThere = known.filter((target) => live.some((row) => row.pid === target.pid && sameStart(target, row)));
  return uniqueByPid([...members, ...descendants, ...stillThere]).filter((member) => member.pid !== process.pid);
}

/** Breadth first from `startPids`, so each process gets its shortest distance from them. */
function walkDescendants(rows: readonly ProcessRow[], startPids: readonly number[]): Descendant[] {
  const childrenOf = new Map<number, ProcessRow[]>();
  for (const row of rows) {
    if (row.zombie) continue;
    childrenOf.set(row.ppid, [...(childrenOf.get(row.ppid) ?? []), row]);
  }
  const seen = new Set(startPids);
  const found: Descendant[] = [];
  let parents = [...startPids];
  for (let depth = 1; parents.length > 0; depth++) {
    const next: number[] = [];
    for (const parent of parents) {
      for (const child of childrenOf.get(parent) ?? []) {
        if (seen.has(child.pid)) continue;
        seen.add(child.pid);
        found.push({ ...identityOf(child), depth });
        next.push(child.pid);
      }
    }
    parents = next;
  }
  return found;
}

function liveRow(rows: readonly ProcessRow[], pid: number): ProcessRow | undefined {
  const row = rows.find((candidate) => candidate.pid === pid);
  return row && !row.zombie ? row : undefined;
}

function identityOf(row: ProcessRow): ProcessIdentity {
  return row.startTime === undefined ? { pid: row.pid } : { pid: row.pid, startTime: row.startTime };
}

function sameStart(target: ProcessIdentity, row: ProcessRow): boolean {
  return target.startTime === undefined || row.startTime === undefined || target.startTime === row.startTime;
}

function uniqueByPid(targets: readonly ProcessIdentity[]): ProcessIdentity[] {
  return [...new Map(targets.map((target) => [target.pid, target])).values()];
}

/**
 * `gone` covers zombies and a pid reused by another process; `foreign` is a live process of
 * another user (EPERM), which exists but is beyond our signals.
 */
function processState(target: ProcessIdentity): 'running' | 'foreign' | 'gone' {
  if (!Number.isInteger(target.pid) || target.pid <= 0) return 'gone';
  let state: 'running' | 'foreign' = 'running';
  try {
    process.kill(target.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return 'gone';
    state = 'foreign';
  }
  if (process.platform !== 'linux') return state;
  const row = readLinuxStat(target.pid);
  if (!row || row.zombie || !sameStart(target, row)) return 'gone';
  return state;
}

/** Still a process of ours to stop: running, and not another user's process that took the pid. */
function isOurs(target: ProcessIdentity): boolean {
  return processState(target) === 'running';
}

function sendSignal(targets: readonly ProcessIdentity[], signal: NodeJS.Signals, groupId?: number): void {
  const attempt = (pid: number) => {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone (ESRCH) is the goal; anything else we cannot do better about.
    }
  };
  if (groupId !== undefined) attempt(-groupId);
  for (const { pid } of targets) attempt(pid);
}

function taskkillTree(pid: number): Promise<void> {
  return new Promise((resolve) => execFile('taskkill', ['/T', '/F', '/PID', String(pid)], () => resolve()));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
