import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { CommandIsolation } from '../../sandbox/command-isolation';
import { stopLaunched } from '../../sandbox/stop-launched';

/** How much of the agent's stderr is kept to explain a failure. */
const stderrTailChars = 4_000;

export interface AgentExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * An external agent's process: started under the machine's command isolation (its own PID
 * namespace where possible, else its own process group with an environment marker), so stopping
 * it takes down everything it started (the CLI the adapter drives, MCP servers, commands), and
 * a crash of Braid does too (`--die-with-parent`). Its stdin and stdout carry ACP; stderr is
 * kept (the end of it) for error messages.
 */
export class AcpProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<AgentExit>;
  private stderr = '';
  private exit: AgentExit | null = null;
  private stopping: Promise<void> | undefined;

  constructor(
    isolation: CommandIsolation,
    spec: { argv: readonly string[]; cwd: string; env: Record<string, string> },
    private readonly graceMs: number,
  ) {
    const launch = isolation.launch({ argv: spec.argv, cwd: spec.cwd, env: spec.env });
    // Without a namespace the agent leads its own process group, which is what a stop signals.
    this.child = spawn(launch.file, launch.args, { cwd: launch.cwd, env: launch.env, stdio: ['pipe', 'pipe', 'pipe'], detached: launch.stop.kind === 'process-group' });
    this.stop = (grace = this.graceMs) => {
      this.stopping ??= (async () => {
        const pid = this.child.pid;
        // After the agent exited by itself a namespace is gone with it; a process group may still hold what it left.
        if (pid !== undefined && (this.exit === null || launch.stop.kind === 'process-group')) await stopLaunched(pid, launch.stop, grace);
        await this.exited;
      })();
      return this.stopping;
    };
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.stderr += `\n${error.message}`;
        this.exit ??= { code: null, signal: null };
        resolve(this.exit);
      });
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    // Writing to an agent that died must not crash the host: the failure surfaces through `exited`.
    this.child.stdin.on('error', () => undefined);
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-stderrTailChars);
    });
  }

  /** SIGTERM to the agent and everything it started, SIGKILL after the grace period; resolves when they are gone. */
  readonly stop: (graceMs?: number) => Promise<void>;

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exit !== null;
  }

  /** The last lines the agent wrote to stderr, trimmed. */
  stderrTail(lines = 12): string {
    return this.stderr.trim().split('\n').slice(-lines).join('\n');
  }
}

/** "exited with code 1", "was killed by SIGKILL", "could not be started". */
export function describeExit(exit: AgentExit): string {
  if (exit.signal) return `was killed by ${exit.signal}`;
  if (exit.code === null) return 'could not be started';
  return `exited with code ${exit.code}`;
}
