import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Project, Task } from '../../src-shared/contract';
import { createRepo, makeTempDir } from '../../src-main/testing/git-fixtures';
import { round, type Metrics, type Scenario } from '../harness';
import { assertRendererBuilt, launchChromium, startModelServerProcess, type ModelServerProcess } from '../support/bench-host';
import { startHostProcess } from '../support/host-process';
import { connectWire } from '../../src-main/testing/wire-client';

const sizes = [8, 16, 32, 64];

/**
 * n tasks streaming at once from the scripted server (~50 chunks/s each, a tool call every
 * third step), with the UI open in Chromium on one of them. Measures the host's event-loop
 * delay, the page's long tasks, the host's memory and how fast the timeline is stored. The
 * host is the built web host in its own process, so its memory is its own.
 *
 * CPU per streamed chunk depends less on how busy the machine is than the loop's delay:
 * `host_cpu_ms_per_1k_chunks` is the host process's own CPU time (utime + stime from /proc)
 * over the measured window per 1,000 chunks, counted where they are sent (the model server's
 * SSE frames); `host_main_thread_cpu_ms_per_1k_chunks` is the part spent on the thread that runs
 * the event loop; `host_tree_cpu_ms_per_1k_chunks` adds the host's child processes (git, and
 * anything that runs git for it), so work moved out of the host still shows. And
 * `host_main_thread_runqueue_ms_per_s` is how long per second that thread waited for a CPU
 * while it had work: loop delay the machine caused, not the host (other load on the cores).
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
      for (const n of sizes) Object.assign(metrics, await measure(n, model, browser));
    } finally {
      await browser.close();
      await model.stop();
    }
    return metrics;
  },
};

async function measure(n: number, model: ModelServerProcess, browser: Awaited<ReturnType<typeof launchChromium>>): Promise<Metrics> {
  const base = makeTempDir('braid-bench-stream-');
  const repo = createRepo({ parent: base, files: { 'README.md': '# bench\n'.repeat(50) } });
  const dataDir = join(base, 'data');
  const env = { OPENAI_BASE_URL: `${model.url}/v1`, OPENAI_API_KEY: 'sk-bench', BRAID_MODEL: 'openai:gpt-4o-mini' };
  const host = await startHostProcess({ dataDir, env, concurrency: n });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const wire = await connectWire(host.url);
  let db: Database.Database | undefined;
  try {
    const project = await wire.invoke<Project>('projects.add', { path: repo.path });
    await page.goto(host.url);
    // Strings, so this Node-side file needs no DOM types.
    await page.evaluate(`window.longTasks = 0;
      new PerformanceObserver((list) => { window.longTasks += list.getEntries().length; }).observe({ type: 'longtask' });`);
    const workspaceStateOf = new Map<string, string>();
    wire.subscribe((event, payload) => {
      if (event !== 'tasks.changed') return;
      const { task } = payload as { task: Task };
      workspaceStateOf.set(task.id, task.workspace.state);
    });
    // Made without a prompt, so no agent starts until every workspace exists: all n then start
    // together inside the measured window (made one by one, the first would be done before
    // the last began).
    const tasks: Task[] = [];
    for (let i = 0; i < n; i++) {
      tasks.push(await wire.invoke<Task>('tasks.create', { projectId: project.id, title: `Stream ${i}`, prompt: '', role: 'implement' }));
    }
    await waitFor(() => tasks.every((task) => (workspaceStateOf.get(task.id) ?? task.workspace.state) !== 'creating'));
    const broken = tasks.filter((task) => workspaceStateOf.get(task.id) !== 'ready');
    if (broken.length > 0) throw new Error(`${broken.length} of ${n} workspaces could not be made`);
    // Open the first task in the UI so its conversation streams on screen.
    await page.getByRole('button', { name: 'Stream 0', exact: true }).click();

    db = new Database(join(dataDir, 'braid.db'), { readonly: true });
    const countEvents = db.prepare('SELECT count(*) AS n FROM task_event').pluck();
    const countFinished = db.prepare("SELECT count(*) AS n FROM task WHERE status IN ('done', 'failed')").pluck();
    const countFailed = db.prepare("SELECT count(*) AS n FROM task WHERE status = 'failed'").pluck();
    const eventsBefore = countEvents.get() as number;
    const stopLoop = await host.recordEventLoop();
    await page.evaluate('window.longTasks = 0');
    let peakRss = host.rssBytes();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, host.rssBytes())), 250);
    const framesBefore = await model.streamedFrames();
    const cpuBefore = host.cpu();
    const waitBefore = host.runqueueWaitMs();
    const started = performance.now();
    await Promise.all(tasks.map((task, i) => wire.invoke('agent.send', { taskId: task.id, text: `Task ${i}: stream for the benchmark` })));
    // While measuring, the page is the host's only client (as with one user), so the bench's
    // own connection costs the host nothing; the end is read from the database instead.
    await wire.close();
    await waitFor(() => (countFinished.get() as number) === n, 100);
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = host.cpu();
    const waitAfter = host.runqueueWaitMs();
    const chunks = (await model.streamedFrames()) - framesBefore;
    const loopP99Ms = await stopLoop();
    clearInterval(sampler);
    peakRss = Math.max(peakRss, host.rssBytes());
    const eventsAfter = countEvents.get() as number;
    const failed = countFailed.get() as number;
    const longTasks = (await page.evaluate('window.longTasks')) as number;
    if (failed > 0) throw new Error(`${failed} of ${n} tasks failed`);
    console.log(`  n=${n}: ${seconds.toFixed(1)} s of streaming, ${chunks} chunks`);
    return {
      [`loop_p99_ms_${n}`]: round(loopP99Ms),
      [`host_cpu_ms_per_1k_chunks_${n}`]: round(((cpuAfter.ownMs - cpuBefore.ownMs) / chunks) * 1000, 1),
      [`host_main_thread_cpu_ms_per_1k_chunks_${n}`]: round(((cpuAfter.mainThreadMs - cpuBefore.mainThreadMs) / chunks) * 1000, 1),
      [`host_tree_cpu_ms_per_1k_chunks_${n}`]: round(((cpuAfter.treeMs - cpuBefore.treeMs) / chunks) * 1000, 1),
      [`host_main_thread_runqueue_ms_per_s_${n}`]: round((waitAfter - waitBefore) / seconds, 1),
      [`ui_long_tasks_${n}`]: longTasks,
      [`host_rss_mb_${n}`]: round(peakRss / (1024 * 1024), 1),
      [`db_events_per_s_${n}`]: round((eventsAfter - eventsBefore) / seconds, 1),
    };
  } finally {
    db?.close();
    await page.close();
    await wire.close();
    await host.close();
    rmSync(base, { recursive: true, force: true });
  }
}

/** Resolves when `check` first holds, checked every `intervalMs`; gives up after ten minutes. */
function waitFor(check: () => boolean, intervalMs = 20): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10 * 60_000;
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error('timed out'));
      }
    }, intervalMs);
  });
}
