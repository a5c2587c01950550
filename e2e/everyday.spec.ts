import { basename } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

/**
 * Records every system notification the page raises (the real one is still made) and lets the
 * test click one. Page code, as text: the e2e files are type-checked without the DOM's types.
 */
const recordNotifications = `
  const Real = window.Notification;
  const shown = [];
  class Recording extends Real {
    constructor(title, options) {
      super(title, options);
      shown.push({ title, body: (options && options.body) || '', click: () => this.onclick && this.onclick(new Event('click')) });
    }
  }
  window.Notification = Recording;
  window.braidNotifications = shown;
`;

const notificationTitles = (page: Page) => page.evaluate<string[]>('window.braidNotifications.map((n) => n.title + " | " + n.body)');

test.describe('everyday use in web mode', () => {
  test.use({ permissions: ['notifications'] });

  test('a background task that needs approval raises a notification and the count; clicking it opens the task; the palette switches tasks', async ({ page, braid, repo, modelServer }) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    modelServer.script((request) => {
      const body = request.body as { messages: { role: string; content: unknown }[] };
      const first = JSON.stringify(body.messages.find((m) => m.role === 'user')?.content ?? '');
      if (body.messages.at(-1)?.role === 'tool') return { text: 'Done.' };
      if (first.includes('Run the checks')) return { text: 'Running them.', toolCalls: [{ name: 'run_command', args: { command: 'echo checks' } }], heldUntil: held };
      return { text: 'Hello!' };
    });
    await page.addInitScript({ content: recordNotifications });
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });

    // The background task's model answer is held until the user is looking elsewhere.
    await createTask(page, projectName, 'Background checks', 'Run the checks');
    await createTask(page, projectName, 'Foreground', 'Say hello');
    await expect(page.getByRole('main', { name: 'Foreground' })).toBeVisible();
    await expect(tasks.getByRole('button', { name: 'Foreground', exact: true })).toHaveAccessibleDescription('done');
    const badge = page.getByRole('button', { name: /^Needs you: \d+$/ });
    // The task on screen finishing is not news.
    await expect(badge).toHaveAccessibleName('Needs you: 0');

    release();
    await expect(tasks.getByRole('button', { name: 'Background checks', exact: true })).toHaveAccessibleDescription('needs approval');
    await expect(badge).toHaveAccessibleName('Needs you: 1');
    await expect(page).toHaveTitle(/^\(1\) /);
    await expect.poll(() => notificationTitles(page)).toEqual([`Background checks needs your approval | In ${projectName}`]);

    // Clicking the notification opens the task; seen, the count goes back to 0.
    await page.evaluate('window.braidNotifications[0].click()');
    const background = page.getByRole('main', { name: 'Background checks' });
    await expect(background.getByRole('article', { name: 'Approval needed: run_command' })).toBeVisible();
    await expect(badge).toHaveAccessibleName('Needs you: 0');
    await expect(page).not.toHaveTitle(/^\(\d+\) /);

    // Ctrl+K: type part of a task's name, Enter opens it.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    const search = palette.getByRole('combobox', { name: 'Search actions' });
    await expect(search).toBeFocused();
    await search.fill('go fore');
    await expect(palette.getByRole('option').first()).toHaveText(/Go to task: Foreground/);
    await search.press('Enter');
    await expect(palette).toBeHidden();
    await expect(page.getByRole('main', { name: 'Foreground' })).toBeVisible();

    // An action that cannot run now says why, in the palette.
    await page.keyboard.press('Control+k');
    await search.fill('stop the agent');
    await search.press('Enter');
    await expect(palette.getByRole('alert')).toHaveText('Stop the agent: it is not running');
    await search.press('Escape');
    await expect(palette).toBeHidden();

    // ? lists the shortcuts, the palette's among them. It is a key outside text fields: the
    // composer may have taken the focus as the task opened (late on a busy machine).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.locator('body').press('?');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toContainText('Command palette');
    await sheet.getByRole('button', { name: 'Close' }).click();

    // The theme from the palette: the page turns dark and stays so after a reload.
    await page.keyboard.press('Control+k');
    await search.fill('theme dark');
    await search.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });
});
