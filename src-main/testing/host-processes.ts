import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

/**
 * A `sleep` with a duration no other process uses, so the host can find every copy again by
 * its command line: a command's own pids are no use when it runs in its own PID namespace
 * (`$!` and `$$` there mean nothing on the host). Shared by unit tests and e2e.
 */
export function uniqueSleepCommand(): { command: string; running(): number[]; kill(): void } {
  const duration = `1000.${randomInt(1e8, 1e9)}`;
  const running = () => hostProcesses().filter((process) => process.args === `sleep ${duration}`).map((process) => process.pid);
  return {
    command: `sleep ${duration}`,
    running,
    kill() {
      for (const pid of running()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
    },
  };
}

/** Every live (not zombie) process as the host's PID namespace sees it. */
export function hostProcesses(): { pid: number; args: string }[] {
  return execFileSync('ps', ['-A', '-o', 'pid=,stat=,args='], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && !match[2]!.startsWith('Z'))
    .map((match) => ({ pid: Number(match[1]), args: match[3]!.trim() }));
}
