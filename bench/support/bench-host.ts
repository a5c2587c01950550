import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import type { EventName } from '../../src-shared/contract';
import { createHost, type Host } from '../../src-main/host/create-host';
import { createAccessToken } from '../../src-main/host/web-auth';
import { startWebServer, type WebServer } from '../../src-main/host/web-server';

export const rendererDir = resolve(import.meta.dirname, '..', '..', 'out', 'renderer');

export function assertRendererBuilt(): void {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('The renderer is not built: run `npm run build` (npm run bench does it first).');
}

export interface ModelServerProcess {
  url: string;
  child: ChildProcess;
  /** Server-sent event frames (streamed chunks) the server has written to clients so far. */
  streamedFrames(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the streaming model server in its own process and resolves with the URL it prints. */
export async function startModelServerProcess(args: string[] = []): Promise<ModelServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'streaming-model-server.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`model server exited with ${code}`)));
  });
  return {
    url,
    child,
    streamedFrames: () =>
      new Promise((resolveCount) => {
        const onMessage = (message: { streamedFrames?: number }) => {
          if (typeof message?.streamedFrames !== 'number') return;
          child.off('message', onMessage);
          resolveCount(message.streamedFrames);
        };
        child.on('message', onMessage);
        child.send({ ask: 'streamedFrames' });
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export interface BenchHost {
  host: Host;
  server: WebServer;
  events: { event: EventName; payload: unknown }[];
  invoke<T>(method: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

/** The real host and web server in this process (so its event loop can be measured). */
export async function startBenchHost(dataDir: string, env: Record<string, string>, concurrency: number): Promise<BenchHost> {
  const host = await createHost({ dataDir, mode: 'web', version: 'bench', production: true, env, log: () => undefined });
  await host.dispatch('agents.setConcurrency', { concurrency });
  const server = await startWebServer({ host, rendererDir, token: createAccessToken(), bindHost: '127.0.0.1', port: 0, production: true });
  const events: { event: EventName; payload: unknown }[] = [];
  const unsubscribe = host.subscribe((event, payload) => {
    if (event === 'tasks.changed') events.push({ event, payload });
  });
  return {
    host,
    server,
    events,
    async invoke<T>(method: string, input: unknown): Promise<T> {
      const result = await host.dispatch(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.data as T;
    },
    async close() {
      unsubscribe();
      await server.close();
      await host.close();
    },
  };
}

/** The benchmarks' Chromium: `BRAID_CHROMIUM`, else Debian's, else Playwright's own (undefined). */
export function chromiumExecutable(): string | undefined {
  return process.env.BRAID_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

/** The flags every benchmark starts Chromium with. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
}
