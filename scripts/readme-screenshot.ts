/**
 * Regenerates the README screenshot from the real UI: web mode on a throw-away data folder,
 * a small demo repository, three tasks. Run with `npx tsx scripts/readme-screenshot.ts`
 * after `npm run build`.
 */
import { basename, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startWebHost } from '../e2e/fixtures/web-host';
import { createRepo, makeTempDir } from '../src-main/testing/git-fixtures';

const out = resolve(import.meta.dirname, '..', 'docs', 'images', 'braid-tasks.png');
const repo = createRepo({ parent: makeTempDir('braid-shot-'), files: { 'README.md': '# storefront\n', 'src/nav.ts': 'export {}\n' } });
const host = await startWebHost({ dataDir: makeTempDir('braid-shot-data-') });
const browser = await chromium.launch({
  executablePath: process.env.BRAID_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, colorScheme: 'dark' });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Add repository' }).click();
  await page.getByRole('combobox', { name: 'Repository path' }).fill(repo.path);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('dialog', { name: 'Add project' }).waitFor({ state: 'hidden' });
  const project = basename(repo.path);
  const tasks = [
    ['Rethink navigation', 'plan', 'Propose a simpler top navigation: fewer items, clearer grouping, and a mobile menu.'],
    ['Explore the homepage layout', 'implement', 'Try a two-column hero with the search box above the fold.'],
    ['Review content organisation', 'review', 'Check that product pages, guides and FAQs are grouped consistently.'],
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
  await page.getByRole('main', { name: 'Rethink navigation' }).waitFor();
  // A string, so this Node-side script needs no DOM types.
  await page.waitForFunction('!document.body.innerText.includes("creating")');
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await host.stop();
}
