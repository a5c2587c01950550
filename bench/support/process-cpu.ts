import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time a process used, in milliseconds, from /proc/<pid>/stat (Linux only). */
export interface ProcessCpu {
  /** The process itself: user + system time of all its threads. */
  ownMs: number;
  /** Its main thread alone: the one that runs the event loop (whose delay the bench measures). */
  mainThreadMs: number;
  /**
   * The process and every process below it: its own time, its reaped children's
   * (cutime + cstime: git runs that finished), and each live descendant's own and reaped time
   * (e.g. a helper process that spawns git for it).
   */
  treeMs: number;
}

let ticksPerSecond: number | undefined;

function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface StatRow {
  ppid: number;
  /** utime + stime, in clock ticks. */
  own: number;
  /** cutime + cstime, in clock ticks. */
  reaped: number;
}

/** Fields after the command name, which is in parentheses and may contain spaces. */
function readStat(pid: number | string, file = `/proc/${pid}/stat`): StatRow | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 of proc(5): state; ppid is 4, utime 14, stime 15, cutime 16, cstime 17.
  const number = (field: number) => Number(fields[field - 3]);
  return { ppid: number(4), own: number(14) + number(15), reaped: number(16) + number(17) };
}

/**
 * How long the main thread of `pid` has waited, runnable, for a CPU (ms): /proc's schedstat.
 * Loop delay that is not the host's own work shows up here on a busy machine. NaN without /proc.
 */
export function mainThreadRunqueueWaitMs(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** CPU time of `pid` now; NaN where there is no /proc. */
export function processCpu(pid: number): ProcessCpu {
  const root = readStat(pid);
  if (!root) return { ownMs: Number.NaN, mainThreadMs: Number.NaN, treeMs: Number.NaN };
  // The main thread's id is the process id.
  const mainThread = readStat(pid, `/proc/${pid}/task/${pid}/stat`);
  const rows = new Map<number, StatRow>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const row = readStat(name);
    if (row) rows.set(Number(name), row);
  }
  let treeTicks = root.own + root.reaped;
  const below = new Set([pid]);
  // Parents come before children often but not always: repeat until nothing new joins.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, row] of rows) {
      if (below.has(child) || !below.has(row.ppid)) continue;
      below.add(child);
      treeTicks += row.own + row.reaped;
      grew = true;
    }
  }
  const msPerTick = 1000 / clockTicksPerSecond();
  return { ownMs: root.own * msPerTick, mainThreadMs: (mainThread?.own ?? Number.NaN) * msPerTick, treeMs: treeTicks * msPerTick };
}

/** The live child of `parentPid` whose command line contains `commandIncludes`; undefined if none. */
export function findChildProcess(parentPid: number, commandIncludes: string): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    if (readStat(name)?.ppid !== parentPid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(commandIncludes)) return Number(name);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}
