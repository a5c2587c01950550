import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** One line of the process table: enough to walk trees and groups and to tell a reused pid apart. */
export interface ProcessRow {
  pid: number;
  ppid: number;
  pgid: number;
  /** Linux only: clock ticks since boot at which the process started. */
  startTime?: string;
  /** Exited but not yet reaped by its parent. */
  zombie: boolean;
}

/**
 * Every process on the machine: `/proc` on Linux (no child process needed), `ps` elsewhere.
 * Windows gives an empty table; callers there rely on `taskkill /T`, which walks the tree itself.
 */
export async function readProcessTable(): Promise<ProcessRow[]> {
  if (process.platform === 'linux') return linuxProcessTable();
  if (process.platform === 'win32') return [];
  const { stdout } = await execFileAsync('ps', ['-A', '-o', 'pid=,ppid=,pgid=,stat='], { maxBuffer: 16 * 1024 * 1024 }).catch(() => ({
    stdout: '',
  }));
  return stdout.split('\n').flatMap((line) => {
    const [pid, ppid, pgid, stat] = line.trim().split(/\s+/);
    if (!pid || !stat) return [];
    return [{ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), zombie: stat.startsWith('Z') }];
  });
}

/** The process's line of `/proc/<pid>/stat`, undefined when there is none (Linux only). */
export function readLinuxStat(pid: number): ProcessRow | undefined {
  try {
    return parseLinuxStat(pid, readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

async function linuxProcessTable(): Promise<ProcessRow[]> {
  const names = await readdir('/proc').catch(() => [] as string[]);
  const rows = await Promise.all(
    names
      .filter((name) => /^\d+$/.test(name))
      .map(async (name) => {
        const pid = Number(name);
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
        return stat === undefined ? undefined : parseLinuxStat(pid, stat);
      }),
  );
  return rows.filter((row): row is ProcessRow => row !== undefined);
}

/** The command name may contain spaces and parentheses, so fields are split after the last ')'. */
function parseLinuxStat(pid: number, stat: string): ProcessRow {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state(0) ppid(1) pgrp(2) … starttime is field 22 of the whole line, index 19 here.
  return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), startTime: fields[19], zombie: fields[0] === 'Z' || fields[0] === 'X' };
}
