import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TimelineEventBody } from '../../src-shared/contract';
import { createServices } from '../../src-main/services';
import { TimelineWriter } from '../../src-main/services/agents/timeline-writer';
import { openStore } from '../../src-main/services/store/store';
import { createRepo, makeTempDir } from '../../src-main/testing/git-fixtures';
import { median, round, type Scenario } from '../harness';
import { assertRendererBuilt, launchChromium, startBenchHost } from '../support/bench-host';

const eventCount = 10_000;
const opens = 5;

/** A realistic mix: prose with Markdown, tool calls with results, streamed output, usage. */
function historyEvent(i: number): TimelineEventBody {
  const step = Math.floor(i / 5) + 1;
  switch (i % 5) {
    case 0:
      return { kind: 'user_message', text: `Please look at module ${i} and fix the **edge case** in \`parse()\`.` };
    case 1:
      return { kind: 'assistant_text', step, text: `Looking at \`src/module-${i}.ts\`:\n\n- the loop skips the last item\n- the error message is vague\n\n\`\`\`ts\nfor (let i = 0; i < items.length - 1; i++) {}\n\`\`\`\n` };
    case 2:
      return { kind: 'tool_call', step, callId: `call-${i}`, name: 'read_file', args: { path: `src/module-${i}.ts` } };
    case 3:
      return { kind: 'tool_result', callId: `call-${i - 1}`, isError: false, text: Array.from({ length: 30 }, (_, line) => `${line + 1}\tconst value${line} = ${line};`).join('\n'), durationMs: 4 };
    default:
      return { kind: 'usage', step, model: 'openai:gpt-4o-mini', inputTokens: 2000 + i, outputTokens: 120, cachedTokens: 0, costUsd: 0.0004 };
  }
}

/**
 * Opening a task whose timeline holds 10,000 events: time from selecting it to the first
 * rows painted (the renderer's `braid:conversation-first-render` mark), median of 5 opens.
 */
export const openHistory: Scenario = {
  name: 'open-history',
  description: `open a task with ${eventCount.toLocaleString('en')} stored events`,
  async run() {
    assertRendererBuilt();
    const base = makeTempDir('braid-bench-history-');
    const dataDir = join(base, 'data');
    const repo = createRepo({ parent: base });
    const services = createServices({ dataDir, emit: () => undefined, env: {} });
    const project = await services.projects.add(repo.path);
    if (!project.ok) throw new Error(project.error.message);
    const created = [];
    for (const title of ['Long history', 'Short history']) {
      const task = await services.tasks.create({ projectId: project.data.id, title, prompt: '', role: 'implement' });
      if (!task.ok) throw new Error(task.error.message);
      created.push(await task.data.settled);
    }
    await services.close();
    const store = openStore(dataDir);
    const writer = new TimelineWriter({ store, now: Date.now, publish: () => undefined, maxBufferedEvents: 1_000_000 });
    for (let i = 0; i < eventCount; i++) writer.push(created[0]!.id, historyEvent(i));
    writer.push(created[1]!.id, { kind: 'user_message', text: 'A short one.' });
    writer.close();
    store.close();

    const bench = await startBenchHost(dataDir, {}, 4);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
      await page.goto(bench.server.url);
      const samples: number[] = [];
      for (let i = 0; i < opens; i++) {
        // Switch away first so each open loads the long history afresh.
        await page.getByRole('button', { name: 'Short history', exact: true }).click();
        await page.getByRole('log', { name: 'Conversation' }).getByText('A short one.').waitFor();
        await page.evaluate('performance.clearMarks()');
        await page.getByRole('button', { name: 'Long history', exact: true }).click();
        // The newest "open" mark is this click; the first-render mark after it is this open's.
        const sinceOpen = `(() => {
          const open = performance.getEntriesByName('braid:conversation-open').at(-1);
          const render = performance.getEntriesByName('braid:conversation-first-render').find((mark) => open && mark.startTime >= open.startTime);
          return open && render ? render.startTime - open.startTime : null;
        })()`;
        await page.waitForFunction(`${sinceOpen} !== null`);
        const ms = (await page.evaluate(sinceOpen)) as number;
        samples.push(ms);
      }
      const rows = (await page.evaluate(`document.querySelectorAll('.vlist__row').length`)) as number;
      console.log(`  first renders: ${samples.map((ms) => ms.toFixed(0)).join(', ')} ms; rows in the DOM: ${rows}`);
      return { first_render_ms: round(median(samples)), events: eventCount };
    } finally {
      await browser.close();
      await bench.close();
      rmSync(base, { recursive: true, force: true });
    }
  },
};
