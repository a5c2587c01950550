import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mainThreadRunqueueWaitMs, processCpu, type ProcessCpu } from './process-cpu';
import { connectWire } from '../../src-main/testing/wire-client';

const webEntry = resolve(import.meta.dirname, '..', '..', 'out', 'main', 'web.js');
const probe = pathToFileURL(resolve(import.meta.dirname, 'event-loop-probe.mjs')).href;

export interface HostProcess {
  /** The page URL with the access token, as printed for the user. */
  url: string;
  pid: number;
  /** The host process's resident memory now (its own pages only, not its git or tool children). */
  rssBytes(): number;
  /** CPU time the host has used so far (its own, and with its child processes). */
  cpu(): ProcessCpu;
  /** Time its main thread has spent waiting for a CPU so far (ms). */
  runqueueWaitMs(): number;
  /** Starts recording the host's event-loop delay; the returned stop gives its p99 in ms. */
  recordEventLoop(): Promise<() => Promise<number>>;
  close(): Promise<void>;
}

/**
 * The built web host (`out/main/web.js`, as `npm run web` runs it) in its own process, so its
 * memory and event loop are measured without the bench's tsx, Playwright client and earlier
 * scenarios. Callers drive it over the contract's WebSocket (`connectWire(url)`); the loop
 * delay comes from a probe loaded into it with `--import` and read over IPC.
 */
export async function startHostProcess(options: { dataDir: string; env: Record<string, string>; concurrency?: number }): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', probe, webEntry, '--data-dir', options.dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...withoutModelSettings(process.env), NODE_ENV: 'production', ...options.env },
  });
  const { stdout, stderr } = child;
  if (!stdout || !stderr) throw new Error('the web host was started without output pipes');
  // Only the tail is kept (for error messages); reading keeps the host from blocking on a full pipe.
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000));
  stdout.on('data', keep);
  stderr.on('data', keep);
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = () => {
      const match = /Open (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      stdout.off('data', onData);
      child.off('exit', onExit);
      resolveUrl(match[1]);
    };
    const onExit = (code: number | null) => reject(new Error(`the web host exited with ${code} before it was ready:\n${output}`));
    stdout.on('data', onData);
    child.once('exit', onExit);
  });
  const pid = child.pid!;
  if (options.concurrency !== undefined) {
    const setup = await connectWire(url);
    await setup.invoke('agents.setConcurrency', { concurrency: options.concurrency });
    await setup.close();
  }

  const probeReply = (kind: string) =>
    new Promise<{ p99Ms?: number }>((resolveReply) => {
      const onMessage = (message: { probe?: string; p99Ms?: number }) => {
        if (message?.probe !== kind) return;
        child.off('message', onMessage);
        resolveReply(message);
      };
      child.on('message', onMessage);
    });

  return {
    url,
    pid,
    rssBytes: () => residentBytes(pid),
    cpu: () => processCpu(pid),
    runqueueWaitMs: () => mainThreadRunqueueWaitMs(pid),
    async recordEventLoop() {
      const started = probeReply('started');
      child.send({ probe: 'start' });
      await started;
      return async () => {
        const stopped = probeReply('stopped');
        child.send({ probe: 'stop' });
        return (await stopped).p99Ms ?? Number.NaN;
      };
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** VmRSS from /proc on Linux; `ps` elsewhere. */
function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (match?.[1]) return Number(match[1]) * 1024;
  } catch {
    // No /proc (macOS): ask ps.
  }
  const kilobytes = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  return Number.isFinite(kilobytes) ? kilobytes * 1024 : 0;
}

/** The bench never reaches a real provider: the developer's own keys and model settings are dropped. */
function withoutModelSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of Object.keys(copy)) {
    if (/^(ANTHROPIC|OPENAI|GEMINI|GOOGLE_GENERATIVE_AI|MOONSHOT|OPENROUTER)_|^BRAID_MODEL$/.test(name)) delete copy[name];
  }
  return copy;
}
