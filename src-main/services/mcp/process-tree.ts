import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * A process we may signal later. On Linux `startTime` (clock ticks since boot) guards against
 * killing an unrelated process that reused the pid after ours exited.
 */
export interface ProcessIdentity {
  pid: number;
  startTime?: string;
}

/** A member of a tree with its distance from the root (the root is 0). */
export interface TreeProcess extends ProcessIdentity {
  depth: number;
}

interface ProcessRow {
  pid: number;
  ppid: number;
  startTime?: string;
  zombie?: boolean;
}

/**
 * The SDK's StdioClientTransport spawns the server in Braid's own process group and offers no
 * `detached` option, so a group kill is impossible (it would hit Braid). Instead we walk the
 * process table from the server's pid: the server, its children, their children.
 */
export async function processTree(rootPid: number): Promise<TreeProcess[]> {
  // Windows: `taskkill /T` on the root takes the tree down, so the root alone is enough.
  if (process.platform === 'win32') return [{ pid: rootPid, depth: 0 }];
  const rows = await processTable();
  const childrenOf = new Map<number, ProcessRow[]>();
  for (const row of rows) {
    const siblings = childrenOf.get(row.ppid) ?? [];
    siblings.push(row);
    childrenOf.set(row.ppid, siblings);
  }
  const root = rows.find((row) => row.pid === rootPid);
  if (!root) return [];
  const tree: TreeProcess[] = [];
  const queue: { row: ProcessRow; depth: number }[] = [{ row: root, depth: 0 }];
  const seen = new Set<number>();
  while (queue.length > 0) {
    const { row, depth } = queue.shift()!;
    if (seen.has(row.pid) || row.zombie) continue;
    seen.add(row.pid);
    tree.push({ pid: row.pid, depth, ...(row.startTime && { startTime: row.startTime }) });
    for (const child of childrenOf.get(row.pid) ?? []) queue.push({ row: child, depth: depth + 1 });
  }
  return tree;
}

/**
 * True while `target` is the same live process (same pid and, where known, same start time).
 * A zombie counts as gone: it has exited and only waits for its parent to collect it.
 */
export async function isRunning(target: ProcessIdentity): Promise<boolean> {
  if (!signalExists(target.pid)) return false;
  if (process.platform !== 'linux') return true;
  const row = await readLinuxStat(target.pid);
  if (!row || row.zombie) return false;
  return target.startTime === undefined || row.startTime === target.startTime;
}

/**
 * Stops a process tree from the leaves up: each level gets SIGTERM, then SIGKILL after
 * `graceMs`, before its parents are signalled. Killing children while their parent still runs
 * lets the parent collect them, instead of leaving orphans for init (which, in some containers,
 * never reaps them).
 */
export async function terminateTree(tree: readonly TreeProcess[], graceMs: number): Promise<void> {
  const depths = [...new Set(tree.map((member) => member.depth))].sort((a, b) => b - a);
  for (const depth of depths) {
    await terminateProcesses(
      tree.filter((member) => member.depth === depth),
      graceMs,
    );
  }
}

/**
 * SIGTERM to every process in `processes`, then SIGKILL to whatever is still there after
 * `graceMs`. Resolves when all are gone (or after the SIGKILL, which cannot be refused).
 */
export async function terminateProcesses(processes: readonly ProcessIdentity[], graceMs: number): Promise<void> {
  if (globalThis.process.platform === 'win32') {
    await Promise.all(processes.map(({ pid }) => execFileAsync('taskkill', ['/pid', String(pid), '/T', '/F']).catch(() => undefined)));
    return;
  }
  let alive = await stillRunning(processes);
  for (const target of alive) sendSignal(target.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive.length > 0 && Date.now() < deadline) {
    await delay(Math.min(25, Math.max(1, deadline - Date.now())));
    alive = await stillRunning(alive);
  }
  for (const target of alive) sendSignal(target.pid, 'SIGKILL');
  // SIGKILL takes effect asynchronously; wait briefly so callers can rely on "gone" afterwards.
  const killDeadline = Date.now() + 2_000;
  while (alive.length > 0 && Date.now() < killDeadline) {
    await delay(10);
    alive = await stillRunning(alive);
  }
}

/** Waits up to `ms` for all `processes` to exit on their own; true if they did. */
export async function waitForExit(processes: readonly ProcessIdentity[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  let alive = await stillRunning(processes);
  while (alive.length > 0 && Date.now() < deadline) {
    await delay(Math.min(20, Math.max(1, deadline - Date.now())));
    alive = await stillRunning(alive);
  }
  return alive.length === 0;
}

async function stillRunning(processes: readonly ProcessIdentity[]): Promise<ProcessIdentity[]> {
  const checks = await Promise.all(processes.map(async (target) => ((await isRunning(target)) ? target : undefined)));
  return checks.filter((target): target is ProcessIdentity => target !== undefined);
}

function signalExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone. EPERM: the pid now belongs to another user's process, so not ours either.
    return false;
  }
}

function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

async function processTable(): Promise<ProcessRow[]> {
  if (process.platform === 'linux') return linuxProcessTable();
  if (process.platform === 'win32') return [];
  const { stdout } = await execFileAsync('ps', ['-A', '-o', 'pid=,ppid=']).catch(() => ({ stdout: '' }));
  return stdout.split('\n').flatMap((line) => {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    return pid && ppid !== undefined && !Number.isNaN(ppid) ? [{ pid, ppid }] : [];
  });
}

async function linuxProcessTable(): Promise<ProcessRow[]> {
  const names = await readdir('/proc').catch(() => [] as string[]);
  const rows = await Promise.all(names.filter((name) => /^\d+$/.test(name)).map((name) => readLinuxStat(Number(name))));
  return rows.filter((row): row is ProcessRow => row !== undefined);
}

/** Parses /proc/<pid>/stat; the command name may contain spaces and parentheses, so split after the last ')'. */
async function readLinuxStat(pid: number): Promise<ProcessRow | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state(0) ppid(1) … starttime is field 22 of the whole line, index 19 here.
    const ppid = Number(fields[1]);
    return { pid, ppid, startTime: fields[19], zombie: fields[0] === 'Z' };
  } catch {
    return undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
