import { readdir, readFile } from 'node:fs/promises';
import type { ProcessIdentity } from './process-tree';
import { readLinuxStat } from './process-table';

/**
 * Every live process whose environment (as it was when the process started) holds
 * `name=value`. Linux only (`/proc/<pid>/environ`, readable for our own processes); elsewhere
 * empty. Environments are inherited, so this finds a command's daemons after they left its
 * process group and its tree.
 */
export async function processesWithEnvironment(name: string, value: string): Promise<ProcessIdentity[]> {
  if (process.platform !== 'linux') return [];
  const entry = Buffer.from(`${name}=${value}`);
  const names = await readdir('/proc').catch(() => [] as string[]);
  const found = await Promise.all(
    names
      .filter((pidName) => /^\d+$/.test(pidName) && Number(pidName) !== process.pid)
      .map(async (pidName) => {
        const environment = await readFile(`/proc/${pidName}/environ`).catch(() => undefined);
        if (!environment || !holdsEntry(environment, entry)) return undefined;
        const row = readLinuxStat(Number(pidName));
        if (!row || row.zombie) return undefined;
        return row.startTime === undefined ? { pid: row.pid } : { pid: row.pid, startTime: row.startTime };
      }),
  );
  return found.filter((identity): identity is ProcessIdentity => identity !== undefined);
}

/** Entries are NUL-separated; the match must be a whole entry. */
function holdsEntry(environment: Buffer, entry: Buffer): boolean {
  for (let start = environment.indexOf(entry); start !== -1; start = environment.indexOf(entry, start + 1)) {
    const before = start === 0 || environment[start - 1] === 0;
    const after = start + entry.length === environment.length || environment[start + entry.length] === 0;
    if (before && after) return true;
  }
  return false;
}
