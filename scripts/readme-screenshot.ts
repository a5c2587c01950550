/**
 * Regenerates the README screenshots from the real UI: web mode on a throw-away data folder,
 * a small demo repository, three tasks whose agents talk to the scripted model server.
 * Run with `npx tsx scripts/readme-screenshot.ts` after `npm run build`.
 */
import { basename, resolve } from 'node:path';
import { chromium, expect } from '@playwright/test';
import { startWebHost } from '../e2e/fixtures/web-host';
import { createRepo, makeTempDir } from '../src-main/testing/git-fixtures';
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
  console.log(`wrote ${images}/braid-agent.png, braid-tasks.png and braid-review.png`);
} finally {
  await browser.close();
  await host.stop();
  await model.close();
}
