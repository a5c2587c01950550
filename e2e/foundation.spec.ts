import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { makeTempDir } from '../src-main/testing/git-fixtures';
import { expect, test, worktreesOf as worktrees } from './fixtures/braid-test';
import { createTask, submitProjectPath } from './fixtures/ui-steps';

test.describe('foundation slice in web mode', () => {
  test('open a repository, create two tasks at once, isolated worktrees survive a restart', async ({ page, braid, repo, dataDir }) => {
    let host = await braid.start();
    await page.goto(host.url);
    const projectName = basename(repo.path);
    const mainHeadBefore = repo.head();

    // A new user is told what to do first.
    await expect(page.getByRole('main', { name: 'Add a local git repository to start' })).toBeVisible();
    await expect(page).not.toHaveURL(/token=/);

    // Bad paths get specific errors, and nothing is added.
    const plainFolder = makeTempDir('braid-e2e-plain-');
    await submitProjectPath(page, plainFolder);
    const dialog = page.getByRole('dialog', { name: 'Add project' });
    await expect(dialog.getByRole('alert')).toContainText(`${plainFolder} is not inside a git repository`);
    await dialog.getByRole('combobox', { name: 'Repository path' }).fill(join(plainFolder, 'nope'));
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('does not exist');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: projectName })).toHaveCount(0);

    // The fixture repository opens, showing its branch.
    await submitProjectPath(page, repo.path);
    await expect(page.getByRole('dialog', { name: 'Add project' })).toBeHidden();
    const projectButton = page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: projectName, exact: true });
    await expect(projectButton).toBeVisible();
    await expect(projectButton).toHaveAccessibleDescription(/on main/);

    // Two tasks, the second created while the first worktree is still being made.
    await createTask(page, projectName, 'Rethink navigation', 'Prompt for Rethink navigation');
    await createTask(page, projectName, 'Explore the homepage layout', 'Prompt for Explore the homepage layout');
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    for (const title of ['Rethink navigation', 'Explore the homepage layout']) {
      await expect(tasks.getByRole('button', { name: title })).toHaveAccessibleDescription('ready');
    }

    // Both worktrees exist on disk, each on its own new branch; the main checkout is untouched.
    const linked = worktrees(repo).filter((w) => w.path !== repo.path);
    expect(linked).toHaveLength(2);
    expect(linked.map((w) => w.branch).sort()).toEqual([
      expect.stringMatching(/^braid\/explore-the-homepage-layout-[a-z0-9]+$/),
      expect.stringMatching(/^braid\/rethink-navigation-[a-z0-9]+$/),
    ]);
    for (const w of linked) {
      expect(w.path.startsWith(join(dataDir, 'worktrees'))).toBe(true);
      expect(existsSync(join(w.path, 'README.md'))).toBe(true);
    }
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(repo.git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(repo.head()).toBe(mainHeadBefore);

    // The task view shows where its workspace lives.
    await tasks.getByRole('button', { name: 'Rethink navigation' }).click();
    const taskView = page.getByRole('main', { name: 'Rethink navigation' });
    const navWorktree = linked.find((w) => w.branch?.startsWith('braid/rethink-navigation'));
    await expect(taskView).toContainText(navWorktree?.path ?? 'missing');
    await expect(taskView).toContainText('Prompt for Rethink navigation');

    // Restart the host on the same data folder: everything is still there.
    await host.stop();
    host = await braid.start();
    await page.goto(host.url);
    const tasksAfter = page.getByRole('list', { name: `Tasks in ${projectName}` });
    await expect(tasksAfter.getByRole('button', { name: 'Rethink navigation' })).toHaveAccessibleDescription('ready');
    await expect(tasksAfter.getByRole('button', { name: 'Explore the homepage layout' })).toHaveAccessibleDescription('ready');
  });

  test('a missing worktree is shown as missing and can be recreated from its branch', async ({ page, braid, repo, dataDir }) => {
    let host = await braid.start();
    await page.goto(host.url);
    await submitProjectPath(page, repo.path);
    await expect(page.getByRole('dialog', { name: 'Add project' })).toBeHidden();
    const projectName = basename(repo.path);
    await createTask(page, projectName, 'Fix the footer', 'Prompt for Fix the footer');
    const task = page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Fix the footer' });
    await expect(task).toHaveAccessibleDescription('ready');
    const [worktree] = worktrees(repo).filter((w) => w.path !== repo.path);
    await host.stop();

    // Someone deletes the worktree folder and leaves a stray folder behind.
    repo.git('worktree', 'remove', '--force', worktree?.path ?? '');
    const stray = join(dataDir, 'worktrees', basename(join(worktree?.path ?? '', '..')), 'stray-folder');
    mkdirSync(stray);

    host = await braid.start();
    await page.goto(host.url);
    await expect(task).toHaveAccessibleDescription('missing');
    await expect(page.getByRole('list', { name: `Leftover workspaces in ${projectName}` })).toContainText('stray-folder');
    await task.click();
    // Not usable: the task view says so, and what it means.
    const taskView = page.getByRole('main', { name: 'Fix the footer' });
    await expect(taskView.getByRole('term').first()).toHaveText('Worktree');
    await expect(taskView.getByRole('definition').first()).toHaveText('missing its git worktree folder is gone; it can be recreated from the branch');
    await page.getByRole('button', { name: 'Recreate from branch' }).click();
    await expect(taskView.getByRole('term')).toHaveText(['Role', 'Branch', 'Workspace', 'Ports']);
    await expect(task).toHaveAccessibleDescription('ready');
    expect(existsSync(join(worktree?.path ?? '', 'README.md'))).toBe(true);
  });

  test('a page load asks for nothing that is missing; /favicon.ico is Braid’s icon', async ({ page, braid }) => {
    const host = await braid.start();
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(host.url);
    await expect(page.getByRole('main', { name: 'Add a local git repository to start' })).toBeVisible();
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', /favicon\.ico$/);
    const icon = await page.request.get(`${host.origin}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/x-icon');
    // An ICO file: reserved 0, type 1, at least one image.
    const bytes = await icon.body();
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
    expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  test('the WebSocket gives nothing without the token, and the page says how to get in', async ({ page, braid }) => {
    const host = await braid.start();
    await page.goto(host.origin);
    await expect(page.getByRole('main', { name: 'Access token required' })).toBeVisible();

    const outcome = await page.evaluate(async (wsUrl) => {
      const events: string[] = [];
      await new Promise<void>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.onopen = () => events.push('open');
        ws.onmessage = (m) => events.push(`message:${String(m.data)}`);
        ws.onerror = () => events.push('error');
        ws.onclose = () => resolve();
      });
      return events;
    }, `${host.origin.replace('http', 'ws')}/ws`);
    expect(outcome).toEqual(['error']);

    const withWrongToken = await page.evaluate(async (wsUrl) => {
      const events: string[] = [];
      await new Promise<void>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.onopen = () => events.push('open');
        ws.onmessage = () => events.push('message');
        ws.onerror = () => events.push('error');
        ws.onclose = () => resolve();
      });
      return events;
    }, `${host.origin.replace('http', 'ws')}/ws?token=${'x'.repeat(43)}`);
    expect(withWrongToken).toEqual(['error']);
  });
});
