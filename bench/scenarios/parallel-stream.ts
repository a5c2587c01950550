import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Project, Task } from '../../src-shared/contract';
import { createRepo, makeTempDir } from '../../src-main/testing/git-fixtures';
import { round, type Metrics, type Scenario } from '../harness';
import { assertRendererBuilt, launchChromium, startBenchHost, startModelServerProcess } from '../support/bench-host';

const sizes = [8, 16, 32];

/**
 * n tasks streaming at once from the scripted server (~50 chunks/s each, a tool call every
 * third step), with the UI open in Chromium on one of them. Measures the host's event-loop
 * delay, the page's long tasks, the host's memory and how fast the timeline is stored.
 */
export const parallelStream: Scenario = {
  name: 'parallel-stream',
  description: `${sizes.join(', ')} agents streaming at once with the UI open`,
  async run() {
    assertRendererBuilt();
    const metrics: Metrics = {};
    const model = await startModelServerProcess(['--chunk-delay-ms', '20', '--steps', '4', '--chunks', '100']);
    const browser = await launchChromium();
    try {
      for (const n of sizes) Object.assign(metrics, await measure(n, model.url, browser));
    } finally {
      await browser.close();
      await model.stop();
    }
    return metrics;
  },
};

async function measure(n: number, modelUrl: string, browser: Awaited<ReturnType<typeof launchChromium>>): Promise<Metrics> {
  const base = makeTempDir('braid-bench-stream-');
  const repo = createRepo({ parent: base, files: { 'README.md': '# bench\n'.repeat(50) } });
  const dataDir = join(base, 'data');
  const bench = await startBenchHost(dataDir, { OPENAI_BASE_URL: `${modelUrl}/v1`, OPENAI_API_KEY: 'sk-bench', BRAID_MODEL: 'openai:gpt-4o-mini' }, n);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  try {
    const project = await bench.invoke<Project>('projects.add', { path: repo.path });
    await page.goto(bench.server.url);
    // Strings, so this Node-side file needs no DOM types.
    await page.evaluate(`window.longTasks = 0;
      new PerformanceObserver((list) => { window.longTasks += list.getEntries().length; }).observe({ type: 'longtask' });`);
    const statusOf = new Map<string, string>();
    const unsubscribe = bench.host.subscribe((event, payload) => {
      if (event !== 'tasks.changed') return;
      const { task } = payload as { task: Task };
      statusOf.set(task.id, task.agent.status);
    });
    const tasks: Task[] = [];
    for (let i = 0; i < n; i++) {
      tasks.push(await bench.invoke<Task>('tasks.create', { projectId: project.id, title: `Stream ${i}`, prompt: `Task ${i}: stream for the benchmark`, role: 'implement' }));
    }
    const allDone = waitFor(() => tasks.every((task) => statusOf.get(task.id) === 'done' || statusOf.get(task.id) === 'failed'));
    await waitFor(() => tasks.every((task) => statusOf.get(task.id) === 'running')).promise;
    // Open the first task in the UI so its conversation streams on screen.
    await page.getByRole('button', { name: 'Stream 0', exact: true }).click();

    const db = new Database(join(dataDir, 'braid.db'), { readonly: true });
    const countEvents = () => db.prepare('SELECT count(*) AS n FROM task_event').pluck().get() as number;
    const eventsBefore = countEvents();
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    await page.evaluate('window.longTasks = 0');
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
    const started = performance.now();
    await allDone.promise;
    const seconds = (performance.now() - started) / 1000;
    loop.disable();
    clearInterval(sampler);
    unsubscribe();
    const eventsAfter = countEvents();
    db.close();
    const longTasks = (await page.evaluate('window.longTasks')) as number;
    const failed = tasks.filter((task) => statusOf.get(task.id) === 'failed').length;
    if (failed > 0) throw new Error(`${failed} of ${n} tasks failed`);
    console.log(`  n=${n}: ${seconds.toFixed(1)} s of streaming`);
    return {
      [`loop_p99_ms_${n}`]: round(loop.percentile(99) / 1e6),
      [`ui_long_tasks_${n}`]: longTasks,
      [`host_rss_mb_${n}`]: round(peakRss / (1024 * 1024), 1),
      [`db_events_per_s_${n}`]: round((eventsAfter - eventsBefore) / seconds, 1),
    };
  } finally {
    await page.close();
    await bench.close();
    rmSync(base, { recursive: true, force: true });
  }
}

/** A promise resolved when `check` first holds, checked on every tick of a short interval. */
function waitFor(check: () => boolean): { promise: Promise<void> } {
  return {
    promise: new Promise((resolve, reject) => {
      const deadline = Date.now() + 10 * 60_000;
      const timer = setInterval(() => {
        if (check()) {
          clearInterval(timer);
          resolve();
        } else if (Date.now() > deadline) {
          clearInterval(timer);
          reject(new Error('timed out'));
        }
      }, 20);
    }),
  };
}
