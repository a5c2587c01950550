/**
 * Regenerates the README screenshots from the real UI: web mode on a throw-away data folder,
 * a small demo repository, three tasks whose agents talk to the scripted model server.
 * Run with `npx tsx scripts/readme-screenshot.ts` after `npm run build`.
 */
import { basename, resolve } from 'node:path';
import { chromium, expect } from '@playwright/test';
import { startWebHost } from '../e2e/fixtures/web-host';
import { createRepo, makeTempDir } from '../src-main/testing/git-fixtures';
import { drawerFindingTitle, pipelineRepoFiles, scriptPipelineAgents } from '../src-main/testing/pipeline-agents';
import { startScriptedModelServer } from '../src-main/testing/scripted-model-server';

const images = resolve(import.meta.dirname, '..', 'docs', 'images');
const repo = createRepo({
  parent: makeTempDir('braid-shot-'),
  files: {
    'README.md': '# storefront\n',
    'src/nav.ts': [
      'import { route } from "./router";',
      '',
      '/** The header navigation, left to right. */',
      'export const items = ["Home", "Shop", "About"];',
      '',
      'export function renderNav(active: string): string {',
      '  return items.map((item) => (item === active ? `[${item}]` : item)).join(" | ");',
      '}',
      '',
      'export const homeLink = route("/");',
      '',
    ].join('\n'),
  },
});
const model = await startScriptedModelServer({ apiKey: 'sk-demo' });
model.script((request) => {
  const body = request.body as { messages: { role: string; content: unknown }[] };
  const step = body.messages.filter((message) => message.role === 'assistant').length + 1;
  if (step === 1) {
    return {
      text: 'I will start by reading the current navigation.\n\n- `src/nav.ts` defines the items\n- the header renders them in order',
      toolCalls: [{ name: 'read_file', args: { path: 'src/nav.ts' } }],
      usage: { input: 2400, output: 60 },
    };
  }
  if (step === 2) {
    return {
      text: 'The list is flat. I will **group** it and add a mobile menu:\n\n```ts\nexport const groups = { shop: ["Shop", "Deals"], help: ["About", "Contact"] };\n```',
      toolCalls: [
        {
          name: 'edit_file',
          args: {
            path: 'src/nav.ts',
            old_text: 'export const items = ["Home", "Shop", "About"];',
            new_text: 'export const groups = { shop: ["Shop", "Deals"], help: ["About", "Contact"] };\nexport const items = ["Home", ...groups.shop, ...groups.help];\nexport const mobileMenu = { collapsed: true, items };',
          },
        },
      ],
      usage: { input: 3100, output: 120 },
    };
  }
  if (step === 3) return { text: 'Now I would like to run the tests.', toolCalls: [{ name: 'run_command', args: { command: 'npm test -- nav' } }], usage: { input: 3600, output: 30 } };
  return { text: 'There is no test script yet, so the tests could not run. The navigation is grouped now.', usage: { input: 3900, output: 40 } };
});
const host = await startWebHost({
  dataDir: makeTempDir('braid-shot-data-'),
  env: { OPENAI_BASE_URL: model.openaiBaseURL, OPENAI_API_KEY: 'sk-demo', BRAID_MODEL: 'openai:gpt-4o-mini' },
});
const browser = await chromium.launch({
  executablePath: process.env.BRAID_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 }, colorScheme: 'dark' });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Add repository' }).click();
  await page.getByRole('combobox', { name: 'Repository path' }).fill(repo.path);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('dialog', { name: 'Add project' }).waitFor({ state: 'hidden' });
  const project = basename(repo.path);
  const tasks = [
    ['Rethink navigation', 'implement', 'Propose and implement a simpler top navigation: fewer items, clearer grouping, and a mobile menu.'],
    ['Explore the homepage layout', 'plan', ''],
    ['Review content organisation', 'review', ''],
  ] as const;
  for (const [title, role, prompt] of tasks) {
    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: `New task in ${project}` });
    await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
    await dialog.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
    await dialog.getByRole('combobox', { name: 'Role' }).selectOption(role);
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
  const list = page.getByRole('list', { name: `Tasks in ${project}` });
  await list.getByRole('button', { name: 'Rethink navigation' }).click();
  await page.getByRole('article', { name: 'Approval needed: run_command' }).waitFor();
  // The Changes pane lists the edit once the workspace's diff is computed again (debounced).
  await page.getByRole('complementary', { name: 'Review' }).getByText('nav.ts').first().waitFor();
  await page.screenshot({ path: resolve(images, 'braid-agent.png') });
  await list.getByRole('button', { name: 'Explore the homepage layout' }).click();
  await page.screenshot({ path: resolve(images, 'braid-tasks.png') });

  // DiffLens: let the navigation task finish (its test command fails), then review it.
  await list.getByRole('button', { name: 'Rethink navigation' }).click();
  await page.getByRole('article', { name: 'Approval needed: run_command' }).getByRole('button', { name: 'Approve' }).click();
  await expect(list.getByRole('button', { name: 'Rethink navigation', exact: true })).toHaveAccessibleDescription('done', { timeout: 15_000 });
  await page.getByRole('button', { name: `Review changes in ${project}` }).click();
  const review = page.getByRole('main', { name: `Review ${project}` });
  await review.getByRole('list', { name: 'Tasks with changes' }).getByRole('button', { name: 'Rethink navigation' }).click();
  await review.getByRole('list', { name: 'Changed files' }).getByRole('button', { name: 'src/nav.ts' }).click();
  await review.getByRole('region', { name: 'Diff of src/nav.ts' }).locator('.monaco-diff-editor .line-insert').first().waitFor();
  await review.getByRole('region', { name: 'Hunks' }).getByText('by agent, step 2').first().waitFor();
  await page.screenshot({ path: resolve(images, 'braid-review.png') });
  await page.getByRole('button', { name: 'Close review' }).click();

  // A pipeline in a second repository, caught mid-way: the plan revised once and approved, both
  // implement tasks done, one review clean and merged, the other holding a P1 finding.
  scriptPipelineAgents(model);
  const shop = createRepo({ path: resolve(makeTempDir('braid-shot-'), 'checkout'), files: pipelineRepoFiles });
  await page.getByRole('button', { name: 'Add project', exact: true }).click();
  await page.getByRole('combobox', { name: 'Repository path' }).fill(shop.path);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('dialog', { name: 'Add project' }).waitFor({ state: 'hidden' });
  await page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: 'checkout', exact: true }).click();
  await page.getByRole('main', { name: 'checkout' }).getByRole('button', { name: 'New pipeline' }).click();
  const newPipeline = page.getByRole('dialog', { name: 'New pipeline in checkout' });
  await newPipeline.getByRole('textbox', { name: 'Goal' }).fill('Group the navigation into sections');
  await newPipeline.getByRole('button', { name: 'Start pipeline' }).click();
  const pipeline = page.getByRole('main', { name: 'Group the navigation into sections' });
  const stages = pipeline.getByRole('list', { name: 'Stages' });
  const planCard = stages.getByRole('article', { name: 'Plan: Group the navigation into sections' });
  await expect(planCard).toContainText('Plan v1 awaits your approval.', { timeout: 15_000 });
  await planCard.getByRole('button', { name: 'Open plan v1' }).click();
  const planTask = page.getByRole('main', { name: 'Plan: Group the navigation into sections' });
  await planTask.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Plan v1' }).getByRole('button', { name: 'Request changes' }).click();
  const changes = planTask.getByRole('region', { name: 'Request changes to plan v1' });
  await changes.getByRole('textbox', { name: 'Message to the agent' }).fill('Use a drawer instead of a collapsible menu.');
  await changes.getByRole('button', { name: /^Send to agent/ }).click();
  const v2 = planTask.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Plan v2' });
  await expect(v2).toContainText('awaiting approval', { timeout: 15_000 });
  await v2.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('button', { name: 'Pipeline: Group the navigation into sections' }).click();
  await expect(stages.getByRole('article', { name: 'Review of Group the navigation — S2' })).toContainText(drawerFindingTitle, { timeout: 20_000 });
  await expect(stages.getByRole('article', { name: 'Review of Group the navigation — S1, S3' })).toContainText('v1 correct', { timeout: 20_000 });
  await stages.getByRole('article', { name: 'Merge of Group the navigation — S1, S3' }).getByRole('button', { name: 'Merge…' }).click();
  const merge = page.getByRole('dialog', { name: 'Merge Group the navigation — S1, S3' });
  await expect(merge.getByRole('region', { name: 'Merge preview' })).toContainText('Merges cleanly.');
  await merge.getByRole('button', { name: 'Merge', exact: true }).click();
  await merge.getByRole('region', { name: 'Merge result' }).waitFor();
  await merge.getByRole('button', { name: 'Close' }).click();
  await expect(stages.getByRole('article', { name: 'Merge of Group the navigation — S1, S3' })).toContainText('Merged into main');
  await page.screenshot({ path: resolve(images, 'braid-pipeline.png') });
  console.log(`wrote ${images}/braid-agent.png, braid-tasks.png, braid-review.png and braid-pipeline.png`);
} finally {
  await browser.close();
  await host.stop();
  await model.close();
}
