// The git spawner: a small Node process that starts git for the Braid host (git-spawner.ts).
//
// Starting a process from the host costs a fork of a large process on its main thread, which
// blocks its event loop while many agents stream; forking this small process is cheap and
// blocks nothing the user sees. It only relays: requests and replies travel over the IPC
// channel (advanced serialization, so bytes stay bytes), and it decides nothing about git.
//
// Plain JavaScript with Node built-ins only: it runs as its own program (`node <this file>`,
// or Electron with ELECTRON_RUN_AS_NODE), not through the host's bundle or a TypeScript loader.
//
// Requests (host → here):
//   { type: 'run', id, args, cwd, env, input?, timeoutMs?, streamStdout }
//   { type: 'kill', id }                        the caller gave up: stop its git (SIGTERM)
// Replies (here → host):
//   { type: 'spawning', id }                    sent before git is started, and git is started
//                                               only once it is written: a call the host never
//                                               saw this for never ran, so it may be sent again
//   { type: 'started', id, pid }                git runs (the host kills it if this process dies)
//   { type: 'stdout', id, data }                only when streamStdout: output as it arrives
//   { type: 'closed', id, code, signal, spawnError?, stdout?, stderr }
//   { type: 'threw', id, message, code? }      spawn refused its arguments (a bug upstream)
import { spawn } from 'node:child_process';

// The host's environment as git should see it: the flag that makes Electron act as Node is
// the helper's own, unless the host itself ran with it.
const baseEnvironment = { ...process.env };
if (!process.argv.includes('--keep-electron-run-as-node')) delete baseEnvironment.ELECTRON_RUN_AS_NODE;

/** id → the git process running for it. */
const running = new Map();
/** Runs start in the order they were asked for: ids above this one have not started yet. */
let lastStarted = 0;
/** Kills that came before their run started. */
const killFirst = new Set();

const reply = (message, then) => {
  // The host may be gone already; it then no longer waits for anything.
  if (process.connected) process.send(message, (error) => !error && then?.());
};

process.on('message', (message) => {
  if (message?.type === 'run') reply({ type: 'spawning', id: message.id }, () => run(message));
  else if (message?.type === 'kill') {
    if (message.id > lastStarted) killFirst.add(message.id);
    else running.get(message.id)?.kill('SIGTERM');
  }
});

// The host went away (exit, crash or kill): its git processes go too, as a timeout would stop them.
process.on('disconnect', () => {
  for (const child of running.values()) child.kill('SIGTERM');
  process.exit(0);
});

function run(request) {
  const { id, args, cwd, env, input, timeoutMs, streamStdout } = request;
  lastStarted = Math.max(lastStarted, id);
  let child;
  try {
    child = spawn('git', args, {
      cwd,
      env: withChanges(baseEnvironment, env),
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
      timeout: timeoutMs,
    });
  } catch (error) {
    reply({ type: 'threw', id, message: error instanceof Error ? error.message : String(error), code: error?.code });
    return;
  }
  if (child.pid !== undefined) {
    running.set(id, child);
    reply({ type: 'started', id, pid: child.pid });
  }
  if (killFirst.delete(id)) child.kill('SIGTERM');
  const out = [];
  const err = [];
  child.stdout.on('data', (chunk) => {
    if (streamStdout) reply({ type: 'stdout', id, data: chunk });
    else out.push(chunk);
  });
  child.stderr.on('data', (chunk) => err.push(chunk));
  if (input !== undefined && child.stdin) {
    // A git that exits early closes its stdin; the EPIPE is reported through the exit code.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  }
  let spawnError;
  child.on('error', (error) => {
    spawnError = error.message;
  });
  child.on('close', (code, signal) => {
    running.delete(id);
    reply({
      type: 'closed',
      id,
      code,
      signal,
      spawnError,
      stdout: streamStdout ? undefined : Buffer.concat(out),
      stderr: Buffer.concat(err),
    });
  });
}

/** The environment with a call's changes applied: a value sets a variable, null removes it. */
function withChanges(base, changes) {
  const env = { ...base };
  for (const [name, value] of Object.entries(changes ?? {})) {
    if (value === null) delete env[name];
    else env[name] = value;
  }
  return env;
}
