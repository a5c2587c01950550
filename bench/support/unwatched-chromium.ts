import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { chromiumArgs, chromiumExecutable } from './bench-host';

/**
 * Chromium with one page on the app, driven over a bare DevTools connection that enables no
 * domain but `Runtime` calls: no automation watches the page while a benchmark measures it.
 * Playwright enables the Network domain on every page it drives, and Chromium then copies every
 * WebSocket frame into a DevTools event for it: in `terminal-flood` that is the 20 MB the page
 * receives, serialized by the browser and parsed by the benchmark's own process (~0.3–0.7 s of
 * CPU in the window, which no user's UI pays). Playwright attaches afterwards
 * (`attachPlaywright`) for the checks that need its locators.
 */
export interface UnwatchedChromium {
  /** The browser process: Chromium's processes are it and what runs below it. */
  pid: number;
  /** Evaluates an expression in the page (awaiting a promise it returns) and returns its value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Resolves once the expression is truthy in the page, checked every `intervalMs`. */
  waitFor(expression: string, intervalMs: number): Promise<void>;
  /** Playwright, attached now, and the page. */
  attachPlaywright(): Promise<{ browser: Browser; page: Page }>;
  close(): Promise<void>;
}

export async function openUnwatchedPage(options: { url: string; initScript: string; width: number; height: number }): Promise<UnwatchedChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'braid-bench-chromium-'));
  const executable = chromiumExecutable() ?? chromium.executablePath();
  const child = spawn(
    executable,
    [
      '--headless',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      `--window-size=${options.width},${options.height}`,
      ...chromiumArgs,
      // Playwright's own, which keep a page's timers and rendering at full speed.
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let browserSocket: WebSocket | undefined;
  try {
    const endpoint = await devToolsEndpoint(child);
    browserSocket = new WebSocket(endpoint, { perMessageDeflate: false });
    await once(browserSocket, 'open');
    const cdp = new CdpConnection(browserSocket);
    const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    const page = (method: string, params: object = {}) => cdp.send<Record<string, unknown>>(method, params, sessionId);
    // The Page domain only for the script that runs before the app (it takes effect with the domain on); it reports navigations, not network traffic.
    await page('Page.enable');
    await page('Page.addScriptToEvaluateOnNewDocument', { source: options.initScript });
    await page('Emulation.setDeviceMetricsOverride', { width: options.width, height: options.height, deviceScaleFactor: 1, mobile: false });
    await page('Page.navigate', { url: options.url });

    const evaluate = async <T>(expression: string): Promise<T> => {
      const reply = (await page('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
        result: { value?: unknown };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (reply.exceptionDetails) throw new Error(`in the page: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
      return reply.result.value as T;
    };
    const socket = browserSocket;
    return {
      pid: child.pid!,
      evaluate,
      async waitFor(expression, intervalMs) {
        const deadline = Date.now() + 5 * 60_000;
        while (!(await evaluate<boolean>(`Boolean(${expression})`))) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
          await new Promise((resolve) => setTimeout(resolve, intervalMs));
        }
      },
      async attachPlaywright() {
        const browser = await chromium.connectOverCDP(endpoint);
        const attached = browser.contexts().flatMap((context) => context.pages()).find((candidate) => candidate.url().startsWith(new URL(options.url).origin));
        if (!attached) throw new Error('Playwright does not see the page');
        return { browser, page: attached };
      },
      async close() {
        socket.close();
        await stop(child);
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    browserSocket?.close();
    await stop(child);
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The browser's DevTools WebSocket address, which Chromium prints on stderr once it listens. */
function devToolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let said = '';
    const onData = (chunk: Buffer) => {
      said += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(said);
      if (!match?.[1]) return;
      child.stderr?.off('data', onData);
      child.stderr?.resume(); // what it says later is dropped, not left to fill the pipe
      resolve(match[1]);
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened: ${said.slice(-2_000)}`)));
    child.once('error', reject);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** Commands and their replies over one DevTools socket (flat sessions: a command names its page's session). */
class CdpConnection {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();

  constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return; // events: none is enabled but the target's own
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result as never);
    });
    socket.on('close', () => {
      for (const waiter of this.waiting.values()) waiter.reject(new Error('the DevTools connection closed'));
      this.waiting.clear();
    });
  }

  send<T>(method: string, params: object, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: never) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }
}
