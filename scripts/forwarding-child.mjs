// Running a child as the launcher scripts do: in its own process group, with our terminal, the
// termination signals we receive forwarded to that whole group once, and our exit mirroring
// the child's. Its own group means Ctrl+C reaches the child's tree exactly once (through us)
// and a SIGTERM sent to us by a supervisor stops grandchildren too, not only a shell between.
// Plain ESM with Node built-ins only: it runs on old Nodes (see supported-node.mjs).
import { spawn } from 'node:child_process';

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Runs `command` (argv, or a shell line when `shell` is set); resolves with how it ended. */
export function runForwardingSignals(command, args, options = {}) {
  return new Promise((resolve) => {
    const posix = process.platform !== 'win32';
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'inherit', shell: options.shell ?? false, detached: posix });
    const forward = (signal) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        if (posix) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone.
      }
    };
    for (const signal of signals) process.on(signal, forward);
    const done = (outcome) => {
      for (const signal of signals) process.off(signal, forward);
      resolve(outcome);
    };
    child.on('error', (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      done({ code: 1, signal: null });
    });
    child.on('exit', (code, signal) => done({ code, signal }));
  });
}

/** Ends this process the way the child ended, so whoever started us sees what happened. */
export function exitLike({ code, signal }) {
  if (signal) {
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
}
