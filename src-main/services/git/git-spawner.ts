import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One git run, as the helper needs it (see git-spawner-helper.mjs for the protocol). */
export interface GitSpawnRequest {
  args: readonly string[];
  /** Absolute: the helper's working folder is not the caller's concern. */
  cwd: string;
  /** On top of the host's environment. */
  env: Record<string, string>;
  input?: Buffer | string;
  timeoutMs?: number;
  onStdout?(chunk: Buffer): void;
  /** Stops git (SIGTERM) when it fires. */
  signal?: AbortSignal;
}

/** What git did: the raw facts `runGitBytes` turns into its result. */
export interface GitSpawnOutcome {
  /** Exit code; null when git was stopped by a signal or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why git could not be started (missing binary, missing folder). */
  spawnError?: string;
  /** The helper ended while git ran, and git was stopped with it. */
  helperEnded?: boolean;
  stdout: Buffer;
  stderr: Buffer;
}

type HelperMessage =
  | { type: 'spawning'; id: number }
  | { type: 'started'; id: number; pid: number }
  | { type: 'stdout'; id: number; data: Uint8Array }
  | { type: 'closed'; id: number; code: number | null; signal: NodeJS.Signals | null; spawnError?: string; stdout?: Uint8Array; stderr: Uint8Array }
  | { type: 'threw'; id: number; message: string; code?: string };

/** A call waiting for git, wherever it is sent. */
interface Call {
  request: GitSpawnRequest;
  resolve(outcome: GitSpawnOutcome): void;
  reject(error: Error): void;
  /** Streamed stdout so far (only with onStdout). */
  chunks: Buffer[];
  /** Helpers it was handed to. */
  attempts: number;
}

/** A call as one helper sees it. */
interface Sent {
  call: Call;
  /** Undoes what sending set up (the abort listener). */
  cleanUp(): void;
  /** The helper said it starts git for it: from then on, the call is never sent again. */
  spawning: boolean;
  /** Git's pid once it runs: stopped by us if the helper dies under it. */
  pid?: number;
}

/**
 * A call the helper never acknowledged (it died first) is sent to the next helper: it never
 * started git, so that is safe. A call whose git may have started is never sent twice.
 */
const maxAttempts = 3;

const helperProgram = fileURLToPath(new URL('./git-spawner-helper.mjs', import.meta.url));

/** One helper process and the calls sent to it. */
class HelperConnection {
  readonly child: ChildProcess;
  private readonly sent = new Map<number, Sent>();
  /** Set when the helper could not be started at all: calls then fail like a missing git. */
  private readonly startError: string | undefined;
  private exited = false;
  private disconnected = false;
  /** The host's environment when the helper started: later changes travel with each call. */
  private readonly startedWith: NodeJS.ProcessEnv;
  ended = false;
  /** False once a request could not be written: the helper is going, new calls need another. */
  accepting = true;

  constructor(
    private readonly onEnded: (connection: HelperConnection) => void,
    private readonly resend: (call: Call) => void,
  ) {
    const args = [helperProgram];
    if (process.env.ELECTRON_RUN_AS_NODE) args.push('--keep-electron-run-as-node');
    this.startedWith = { ...process.env };
    this.child = spawn(process.execPath, args, {
      // The desktop app's executable is Electron: this makes it run the helper as plain Node.
      env: { ...this.startedWith, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
      windowsHide: true,
    });
    // A process that could not be started has no pid; 'error' follows, and no 'exit'.
    this.startError = this.child.pid === undefined ? `could not start ${process.execPath} to run git` : undefined;
    this.child.on('error', () => {
      if (this.startError !== undefined) this.end();
    });
    this.child.on('message', (message: HelperMessage) => this.receive(message));
    // Ended once both happened: messages still in the channel arrive before 'disconnect'.
    this.child.on('exit', () => {
      this.exited = true;
      if (this.disconnected) this.end();
    });
    this.child.on('disconnect', () => {
      this.disconnected = true;
      if (this.exited) this.end();
    });
    // Idle, the helper must not keep the host alive; a call in flight does (see `send`).
    this.child.unref();
    this.child.channel?.unref();
  }

  send(id: number, call: Call): void {
    if (this.startError !== undefined) {
      call.resolve({ code: null, signal: null, spawnError: this.startError, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) });
      return;
    }
    call.attempts++;
    const { signal } = call.request;
    const onAbort = () => {
      if (this.sent.has(id) && this.child.connected) this.child.send({ type: 'kill', id }, () => undefined);
    };
    const sent: Sent = { call, spawning: false, cleanUp: () => signal?.removeEventListener('abort', onAbort) };
    this.sent.set(id, sent);
    if (this.sent.size === 1) this.child.channel?.ref();
    const { request } = call;
    const message = {
      type: 'run',
      id,
      args: request.args,
      cwd: request.cwd,
      // What changed in the host's environment since the helper started (null: removed), then the call's own.
      env: { ...environmentChanges(this.startedWith, process.env), ...request.env },
      input: request.input,
      timeoutMs: request.timeoutMs,
      streamStdout: request.onStdout !== undefined,
    };
    const undelivered = () => {
      this.accepting = false;
      if (this.forget(id)) this.resend(call);
    };
    try {
      this.child.send(message, (error) => {
        if (error) undelivered();
      });
    } catch {
      // The channel closed already.
      undelivered();
      return;
    }
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  }

  /** Ends the helper, and with it the git processes it runs. */
  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }

  runningGitPids(): number[] {
    return [...this.sent.values()].flatMap((sent) => (sent.pid === undefined ? [] : [sent.pid]));
  }

  private receive(message: HelperMessage): void {
    const sent = this.sent.get(message.id);
    if (!sent) return;
    const { call } = sent;
    switch (message.type) {
      case 'spawning':
        sent.spawning = true;
        return;
      case 'started':
        sent.pid = message.pid;
        return;
      case 'stdout': {
        const chunk = asBuffer(message.data);
        call.chunks.push(chunk);
        call.request.onStdout?.(chunk);
        return;
      }
      case 'closed':
        this.forget(message.id);
        call.resolve({
          code: message.code,
          signal: message.signal,
          ...(message.spawnError === undefined ? {} : { spawnError: message.spawnError }),
          stdout: message.stdout === undefined ? Buffer.concat(call.chunks) : asBuffer(message.stdout),
          stderr: asBuffer(message.stderr),
        });
        return;
      case 'threw': {
        this.forget(message.id);
        const error: NodeJS.ErrnoException = new Error(message.message);
        if (message.code !== undefined) error.code = message.code;
        call.reject(error);
        return;
      }
    }
  }

  private forget(id: number): boolean {
    const sent = this.sent.get(id);
    if (!sent) return false;
    this.sent.delete(id);
    sent.cleanUp();
    if (this.sent.size === 0) this.child.channel?.unref();
    return true;
  }

  /** The helper is gone: the git it ran is stopped and those calls say so; the others go to the next helper. */
  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.accepting = false;
    this.onEnded(this);
    for (const [id, sent] of [...this.sent]) {
      this.forget(id);
      if (!sent.spawning) {
        this.resend(sent.call);
        continue;
      }
      if (sent.pid !== undefined) stopOrphan(sent.pid);
      sent.call.resolve(helperEndedOutcome(sent.call));
    }
  }
}

/**
 * Runs git through one long-lived helper process (git-spawner-helper.mjs), started on first
 * use and again after it died. Calls are independent and run at once, as separate `spawn`
 * calls would; the helper ends with the host, stopping the git it runs.
 */
export class GitSpawner {
  private connection: HelperConnection | null = null;
  private nextId = 1;

  run(request: GitSpawnRequest): Promise<GitSpawnOutcome> {
    return new Promise((resolve, reject) => this.dispatch({ request, resolve, reject, chunks: [], attempts: 0 }));
  }

  /** The helper's pid while one runs (diagnostics and tests). */
  get pid(): number | undefined {
    return this.connection?.child.pid;
  }

  /** Git processes running for calls right now (diagnostics and tests). */
  runningGitPids(): number[] {
    return this.connection?.runningGitPids() ?? [];
  }

  /** Stops the helper; the next call starts a new one. */
  stop(): void {
    this.connection?.stop();
  }

  private dispatch(call: Call): void {
    if (call.attempts >= maxAttempts) return call.resolve(helperEndedOutcome(call));
    this.current().send(this.nextId++, call);
  }

  private current(): HelperConnection {
    if (!this.connection || !this.connection.accepting) {
      this.connection = new HelperConnection(
        (ended) => {
          if (this.connection === ended) this.connection = null;
        },
        (call) => this.dispatch(call),
      );
    }
    return this.connection;
  }
}

function helperEndedOutcome(call: Call): GitSpawnOutcome {
  return { code: null, signal: null, helperEnded: true, stdout: Buffer.concat(call.chunks), stderr: Buffer.alloc(0) };
}

/** Git whose helper died is stopped as a timeout would stop it: nothing outlives Braid's interest in it. */
function stopOrphan(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Finished already.
  }
}

/** Advanced serialization may hand bytes over as a plain Uint8Array. */
function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The one spawner of this process. */
export const gitSpawner = new GitSpawner();

/**
 * The host's environment as it is now, relative to `before`: changed and added variables with
 * their values, removed ones as null. Git saw the live environment when the host forked it
 * itself; a variable set after the helper started (a test's stub, a setting applied at run
 * time) must still reach it.
 */
export function environmentChanges(before: NodeJS.ProcessEnv, now: NodeJS.ProcessEnv): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(now)) if (value !== undefined && before[name] !== value) changes[name] = value;
  for (const name of Object.keys(before)) if (now[name] === undefined) changes[name] = null;
  return changes;
}
