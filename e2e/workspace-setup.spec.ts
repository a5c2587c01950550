import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test, worktreesOf } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

const config = (setup: string[]) => ({
  'README.md': '# app\n',
  '.braid/workspace.json': `${JSON.stringify({ setup }, null, 2)}\n`,
});

test.describe('workspace setup', () => {
  test.describe('a setup that succeeds', () => {
    test.use({ repoFiles: config(['echo "setting up on port $BRAID_PORT"', 'echo ready > setup-done.txt']) });

    test('asks to trust the script, shows its output in the task, and starts the agent after it', async ({ page, braid, repo, modelServer }) => {
      modelServer.enqueue({ text: 'Started after the setup.' });
      const host = await braid.start({ model: true });
      await page.goto(host.url);
      const projectName = basename(repo.path);
      await addProject(page, repo.path);
      await createTask(page, projectName, 'Set up', 'Say hello');
      await page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Set up', exact: true }).click();
      const taskView = page.getByRole('main', { name: 'Set up' });

      // Nothing runs before the user has read and trusted exactly what will run.
      const setup = taskView.getByRole('region', { name: 'Workspace setup' });
      await expect(setup).toContainText('runs only once you trust it');
      await expect(setup.getByRole('region', { name: 'Setup script' })).toContainText('echo ready > setup-done.txt');
      expect(modelServer.requests).toHaveLength(0);
      await setup.getByRole('button', { name: 'Trust and run setup' }).click();

      const conversation = taskView.getByRole('log', { name: 'Conversation' });
      const card = conversation.getByRole('article', { name: 'Setup script' });
      await expect(card).toContainText('done');
      await expect(card).toContainText(/setting up on port \d{5}/);
      await expect(conversation).toContainText('Started after the setup.');
      // It ran in a terminal of the task, which keeps its screen.
      await card.getByRole('button', { name: 'Show terminal Setup' }).click();
      await expect(taskView.getByRole('tabpanel', { name: 'Setup' }).locator('.xterm-rows')).toContainText(/setting up on port \d{5}/);
      await taskView.getByRole('tab', { name: 'Conversation' }).click();
      await expect(taskView).toContainText('Set up from .braid/workspace.json (Braid)');
      await expect(setup).toBeHidden();

      const worktree = worktreesOf(repo).find((entry) => entry.branch?.startsWith('braid/'));
      expect(readFileSync(join(worktree!.path, 'setup-done.txt'), 'utf8')).toBe('ready\n');
      // The agent's first request came after the setup: one request, made once it had finished.
      expect(modelServer.requests).toHaveLength(1);
    });
  });

  test.describe('a setup that fails', () => {
    test.use({ repoFiles: config(['test -f "$BRAID_ROOT_PATH/ready.flag" || { echo "ready.flag is missing"; exit 3; }']) });

    test('keeps the agent from starting and offers Retry, which runs it again after the fix', async ({ page, braid, repo, modelServer }) => {
      modelServer.enqueue({ text: 'Started after the retry.' });
      const host = await braid.start({ model: true });
      await page.goto(host.url);
      const projectName = basename(repo.path);
      await addProject(page, repo.path);
      await createTask(page, projectName, 'Fragile', 'Say hello');
      await page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Fragile', exact: true }).click();
      const taskView = page.getByRole('main', { name: 'Fragile' });
      const setup = taskView.getByRole('region', { name: 'Workspace setup' });
      await setup.getByRole('button', { name: 'Trust and run setup' }).click();

      await expect(setup).toContainText('The workspace setup failed, so the agent has not started.');
      await expect(setup).toContainText('The setup script exited with code 3: ready.flag is missing');
      await expect(setup.getByRole('button', { name: 'Start anyway' })).toBeVisible();
      const card = taskView.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Setup script' });
      await expect(card).toContainText('failed (exit code 3)');
      await expect(card).toContainText('ready.flag is missing');
      await expect(page.getByRole('list', { name: `Tasks in ${projectName}` })).toContainText('setup failed');
      expect(modelServer.requests).toHaveLength(0);

      writeFileSync(join(repo.path, 'ready.flag'), '');
      await setup.getByRole('button', { name: 'Retry setup' }).click();
      await expect(taskView.getByRole('log', { name: 'Conversation' })).toContainText('Started after the retry.');
      await expect(setup).toBeHidden();
      expect(existsSync(join(repo.path, 'ready.flag'))).toBe(true);
    });
  });
});
