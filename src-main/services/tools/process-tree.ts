import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

interface ProcessRow {
  pid: number;
  ppid: number;
  pgid: number;
  zombie: boolean;
}

/**
 * Stops everything a command started. The command leads its own process group (the pty
 * makes it a session leader), so signalling the group reaches background jobs too; a
 * snapshot of descendants, taken first, also reaches children that moved to a group of
 * their own. SIGTERM first so programs can clean up, SIGKILL for whatever is left after
 * `graceMs`. Resolves once the escalation is decided, not when every process is reaped.
 */
export async function terminateProcessTree(leaderPid: number, options: { graceMs: number; leaderExited: Promise<unknown> }): Promise<void> {
  if (process.platform === 'win32') {
    await new Promise((resolve) => execFile('taskkill', ['/T', '/F', '/PID', String(leaderPid)], () => resolve(undefined)));
    return;
  }
  const snapshot = await treeMembers(leaderPid);
  // Nothing left (the usual case after a normal exit): do not signal a group id that
  // could, in theory, already belong to someone else.
  if (snapshot.length === 0 && !isProcessAlive(leaderPid)) return;
  signalAll(leaderPid, snapshot, 'SIGTERM');

  let graceTimer: NodeJS.Timeout | undefined;
  const graceOver = new Promise((resolve) => {
    graceTimer = setTimeout(resolve, options.graceMs);
  });
  await Promise.race([options.leaderExited, graceOver]);
  const survivors = await treeMembers(leaderPid, snapshot);
  if (survivors.length > 0) {
    await graceOver;
    signalAll(leaderPid, await treeMembers(leaderPid, snapshot), 'SIGKILL');
  }
  clearTimeout(graceTimer);
}

/**
 * Whether a process still runs. A zombie (exited, not yet reaped by its parent) counts as
 * gone: in containers whose init never reaps, `kill(pid, 0)` alone would say it lives forever.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** Live members of the leader's group, its descendants, and any still-live pid of `known`. */
async function treeMembers(leaderPid: number, known: readonly number[] = []): Promise<number[]> {
  const rows = await listProcesses();
  const live = rows.filter((row) => !row.zombie);
  const members = new Set<number>();
  for (const row of live) if (row.pgid === leaderPid) members.add(row.pid);
  const children = new Map<number, number[]>();
  for (const row of live) children.set(row.ppid, [...(children.get(row.ppid) ?? []), row.pid]);
  const visited = new Set<number>([leaderPid, ...members]);
  const queue = [...visited];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop() as number) ?? []) {
      if (visited.has(child)) continue;
      visited.add(child);
      members.add(child);
      queue.push(child);
    }
  }
  const liveSet = new Set(live.map((row) => row.pid));
  for (const pid of known) if (liveSet.has(pid)) members.add(pid);
  members.delete(process.pid);
  return [...members];
}

function listProcesses(): Promise<ProcessRow[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat='], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return resolve([]);
      const rows: ProcessRow[] = [];
      for (const line of stdout.split('\n')) {
        const [pid, ppid, pgid, stat] = line.trim().split(/\s+/);
        if (!pid || !stat) continue;
        rows.push({ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), zombie: stat.startsWith('Z') });
      }
      resolve(rows);
    });
  });
}

function signalAll(leaderPid: number, pids: readonly number[], signal: NodeJS.Signals): void {
  const attempt = (target: number) => {
    try {
      process.kill(target, signal);
    } catch {
      // Already gone (ESRCH) is the goal; anything else we cannot do better about.
    }
  };
  attempt(-leaderPid);
  for (const pid of pids) attempt(pid);
}
