import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Project, Task, TerminalInfo } from '../../src-shared/contract';
import { createRepo, makeTempDir } from '../../src-main/testing/git-fixtures';
import { round, type Metrics, type Scenario } from '../harness';
import { assertRendererBuilt } from '../support/bench-host';
import { startHostProcess } from '../support/host-process';
import { findChildProcess, processCpu } from '../support/process-cpu';
import { openUnwatchedPage, type UnwatchedChromium } from '../support/unwatched-chromium';
import { connectWire, type WireClient } from '../../src-main/testing/wire-client';

const terminals = 8;
const linesEach = 200_000;
/** Bytes each command prints: 200,000 lines of 100 (20 MB); the pty makes every `\n` a `\r\n`. */
const bytesEach = linesEach * 100;
const print = `awk 'BEGIN { s = sprintf("%91s", ""); gsub(/ /, "x", s); for (i = 0; i < ${linesEach}; i++) printf "%08d %s\\n", i, s }'`;
/** In a terminal the shell ends after the marker, so the tab says when the output is all in. */
const command = `${print}; echo "FLOOD-$((1 + 1))"; exit`;
const size = { cols: 120, rows: 30 };
/** Views acknowledge every 5,000 rendered characters; the last few thousand of a stream may stay unacknowledged. */
const ackSlack = 5_000;
/** What each terminal's command prints, as the pty delivers it (`\r\n` line ends). */
const outputChars = linesEach * 101;

/**
 * Eight terminals of one task print 20 MB each at once while the task is open in Chromium with
 * one of them on screen, as the UI shows terminals: the one on screen is rendered live by
 * xterm.js (flow-controlled by the page's acknowledgements, read by wrapping its WebSocket's
 * `send`); the other seven are rendered into the host's headless mirrors (the page is not sent
 * their output) and replayed when their tab is shown. Measured until every shell has exited
 * after its output (seen as `terminals.changed` by a second client) and the view on screen has
 * rendered all of it (its acknowledgements); then every tab is shown and must show its
 * command's last line and the marker after it. Against the same eight commands read by bare
 * node-pty with no consumer, in a fresh process (`pty_mb_per_s`), measured before and after in
 * the same run with the host up and no browser open (the mean: the machine's load drifts). The
 * host is the built web host in its own process; its pty host is its child, measured apart
 * (`pty_host_rss_mb`); both processes' CPU time during the flood is reported (`host_cpu_s`,
 * `pty_host_cpu_s`, against the bare readers' `bare_reader_cpu_s`), and Chromium's, all its
 * processes together (`ui_cpu_s`: page, browser and GPU). No automation watches the page while it is measured: it is opened
 * and clicked through over a bare DevTools connection (`unwatched-chromium.ts`), and Playwright
 * attaches only for the checks afterwards. Driven by Playwright from the start, Chromium copied
 * all 20 MB the page received into DevTools events for it: four runs each, alternating on one
 * machine, Chromium used 2.4–3.2 s of CPU in the window against 1.8–2.6 s without (and this
 * process 0.3 s more), the ratio 1.64–2.32 (mean 1.96) against 1.74–2.04 (mean 1.84).
 */
export const terminalFlood: Scenario = {
  name: 'terminal-flood',
  description: `${terminals} terminals printing ${bytesEach / 1e6} MB each at once with the UI open, against bare node-pty`,
  async run() {
    assertRendererBuilt();
    const base = makeTempDir('braid-bench-terminals-');
    const repo = createRepo({ parent: base });
    const host = await startHostProcess({ dataDir: join(base, 'data'), env: {} });
    const setup: WireClient = await connectWire(host.url);
    let chromium: UnwatchedChromium | undefined;
    let playwright: Awaited<ReturnType<UnwatchedChromium['attachPlaywright']>> | undefined;
    try {
      const bareBefore = await barePtys(repo.path);
      console.log(`  bare node-pty: ${bareBefore.seconds.toFixed(1)} s`);

      const project = await setup.invoke<Project>('projects.add', { path: repo.path });
      const task = await setup.invoke<Task>('tasks.create', { projectId: project.id, title: 'Flood', prompt: '' });
      await waitFor(async () => (await setup.invoke<Task[]>('tasks.list', { projectId: project.id })).some((t) => t.id === task.id && t.workspace.state === 'ready'), 50);
      const opened: TerminalInfo[] = [];
      for (let i = 0; i < terminals; i++) opened.push(await setup.invoke<TerminalInfo>('terminals.open', { taskId: task.id, ...size }));

      // The page is opened and clicked through over a bare DevTools connection (see
      // unwatched-chromium.ts: Playwright would copy every frame the page receives meanwhile).
      chromium = await openUnwatchedPage({ url: host.url, initScript: recordAcknowledgements, width: 1280, height: 800 });
      const page = chromium;
      await page.waitFor(`document.querySelector('button[aria-label="Flood"]')`, 50);
      await page.evaluate(`document.querySelector('button[aria-label="Flood"]').click()`);
      const firstTab = `[...document.querySelectorAll('main[aria-label="Flood"] [role="tab"]')].find((tab) => tab.textContent === ${JSON.stringify(opened[0]!.title)})`;
      await page.waitFor(firstTab, 50);
      await page.evaluate(`${firstTab}.click()`);
      await page.waitFor('window.braidBench.snapshots === 1', 50);
      await page.evaluate(`window.longTasks = 0;
        new PerformanceObserver((list) => { window.longTasks += list.getEntries().length; }).observe({ type: 'longtask' });`);

      const ptyHostPid = findPtyHost(host.pid);
      // Chromium's processes (page, browser, GPU) are its browser process and what is below it.
      const chromiumPid = chromium.pid;
      let peakHost = host.rssBytes();
      let peakPtyHost = residentBytes(ptyHostPid);
      const sampler = setInterval(() => {
        peakHost = Math.max(peakHost, host.rssBytes());
        peakPtyHost = Math.max(peakPtyHost, residentBytes(ptyHostPid));
      }, 100);
      const stopLoop = await host.recordEventLoop();
      // Waited for without polling: the page says when its view acknowledged it all, the host when each shell exited.
      const allExited = new Promise<number>((resolve) => {
        setup.subscribe((event, payload) => {
          const changed = payload as { taskId: string; terminals: TerminalInfo[] };
          if (event === 'terminals.changed' && changed.taskId === task.id && changed.terminals.filter((t) => t.state === 'exited').length === terminals) resolve(performance.now());
        });
      });
      const uiCpu = () => (chromiumPid === undefined ? Number.NaN : processCpu(chromiumPid).treeMs);
      const cpuBefore = { host: processCpu(host.pid).ownMs, ptyHost: processCpu(ptyHostPid).ownMs, ui: uiCpu() };
      const started = performance.now();
      const rendered = page.evaluate(`window.braidBench.whenAcknowledged(${JSON.stringify(opened[0]!.id)}, ${outputChars - ackSlack})`).then(() => performance.now());
      await Promise.all(opened.map((terminal) => setup.invoke('terminals.input', { taskId: task.id, terminalId: terminal.id, data: `${command}\r` })));
      const seconds = (Math.max(await allExited, await rendered) - started) / 1000;
      // The host's own CPU (not its children: the pty host is counted apart, the shells and awk not at all).
      const hostCpu = (processCpu(host.pid).ownMs - cpuBefore.host) / 1000;
      const ptyHostCpu = (processCpu(ptyHostPid).ownMs - cpuBefore.ptyHost) / 1000;
      const chromiumCpu = (uiCpu() - cpuBefore.ui) / 1000;
      const loopP99Ms = await stopLoop();
      clearInterval(sampler);
      const longTasks = await page.evaluate<number>('window.longTasks');

      // Every byte rendered: each terminal, shown, has its command's last line and the marker
      // after it (checked with Playwright, attached now that nothing is measured).
      playwright = await chromium.attachPlaywright();
      const taskView = playwright.page.getByRole('main', { name: 'Flood' });
      for (const terminal of opened) {
        await taskView.getByRole('tab', { name: terminal.title }).click();
        const screen = taskView.getByRole('tabpanel', { name: terminal.title }).locator('.xterm-rows');
        await waitFor(async () => /FLOOD-2/.test((await screen.textContent()) ?? ''), 50);
        const text = (await screen.textContent()) ?? '';
        if (!text.includes(String(linesEach - 1).padStart(8, '0'))) throw new Error(`${terminal.title} does not show its last line`);
      }

      // The bare commands again as they ran before: with the host up and no browser open.
      await playwright.browser.close();
      playwright = undefined;
      await chromium.close();
      chromium = undefined;
      const bareAfter = await barePtys(repo.path);
      console.log(`  through the UI: ${seconds.toFixed(1)} s; bare node-pty again: ${bareAfter.seconds.toFixed(1)} s`);
      const mbPerS = (terminals * bytesEach) / 1e6 / seconds;
      const ptyMbPerS = ((terminals * bytesEach) / 1e6 / bareBefore.seconds + (terminals * bytesEach) / 1e6 / bareAfter.seconds) / 2;
      return {
        mb_per_s: round(mbPerS, 1),
        pty_mb_per_s: round(ptyMbPerS, 1),
        ratio_vs_pty: round(ptyMbPerS / mbPerS),
        ui_long_tasks: longTasks,
        loop_p99_ms: round(loopP99Ms),
        host_rss_mb: round(peakHost / (1024 * 1024), 1),
        pty_host_rss_mb: round(peakPtyHost / (1024 * 1024), 1),
        host_cpu_s: round(hostCpu, 2),
        pty_host_cpu_s: round(ptyHostCpu, 2),
        bare_reader_cpu_s: round((bareBefore.readerCpuSeconds + bareAfter.readerCpuSeconds) / 2, 2),
        ui_cpu_s: round(chromiumCpu, 2),
      } satisfies Metrics;
    } finally {
      await setup.close();
      await playwright?.browser.close();
      await chromium?.close();
      await host.close();
      rmSync(base, { recursive: true, force: true });
    }
  },
};

/**
 * The same eight commands in bare node-pty ptys, output read and dropped, in a process of its
 * own (`bare-pty-reader.ts`); the reader's CPU is that process's.
 */
async function barePtys(cwd: string): Promise<{ seconds: number; readerCpuSeconds: number }> {
  const input = { commands: Array.from({ length: terminals }, () => print), cwd, ...size, leastChars: outputChars };
  const reader = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'support', 'bare-pty-reader.ts'), JSON.stringify(input)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  reader.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(reader, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the bare pty reader failed (${code})`);
  return JSON.parse(out) as { seconds: number; readerCpuSeconds: number };
}

/**
 * Runs in the page before the app: counts the snapshots views ask for, keeps each terminal's
 * latest acknowledged position, and resolves `whenAcknowledged(id, position)` once it is reached.
 */
const recordAcknowledgements = `
  const waiting = [];
  window.braidBench = {
    acks: {},
    snapshots: 0,
    whenAcknowledged(id, position) {
      return new Promise((resolve) => ((window.braidBench.acks[id] ?? 0) >= position ? resolve() : waiting.push({ id, position, resolve })));
    },
  };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.includes('"terminals.')) {
      const frame = JSON.parse(data);
      if (frame.method === 'terminals.ack') {
        window.braidBench.acks[frame.input.terminalId] = frame.input.position;
        for (const waiter of waiting.splice(0)) {
          if (window.braidBench.acks[waiter.id] >= waiter.position) waiter.resolve();
          else waiting.push(waiter);
        }
      }
      if (frame.method === 'terminals.snapshot') window.braidBench.snapshots++;
    }
    return send.call(this, data);
  };
`;

/** The host's pty host: its child running pty-host-main. */
function findPtyHost(hostPid: number): number {
  const pid = findChildProcess(hostPid, 'pty-host-main');
  if (pid === undefined) throw new Error('the host runs no pty host');
  return pid;
}

function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function waitFor(check: () => Promise<boolean>, intervalMs: number): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
