import { basename } from 'node:path';
import { uniqueSleepCommand } from '../src-main/testing/host-processes';
import { expect, test } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

test.describe('services an agent starts', () => {
  const sleeps: ReturnType<typeof uniqueSleepCommand>[] = [];

  test.afterEach(() => {
    for (const sleep of sleeps.splice(0)) sleep.kill();
  });

  test('are listed on the task; Stop ends one with everything it started; quitting Braid ends the rest', async ({ page, braid, repo, modelServer: server }) => {
    const devServer = uniqueSleepCommand();
    const watcher = uniqueSleepCommand();
    sleeps.push(devServer, watcher);
    server.script((request) => {
      const body = request.body as { messages: { role: string }[] };
      const step = body.messages.filter((message) => message.role === 'assistant').length + 1;
      if (step === 1) {
        const command = `(setsid sh -c '${devServer.command}' &); echo "dev server ready on 5173"; ${devServer.command}`;
        return { text: 'Starting the dev server.', toolCalls: [{ name: 'start_service', args: { command, name: 'dev server', ready_text: 'ready on' } }] };
      }
      if (step === 2) return { text: 'And a watcher.', toolCalls: [{ name: 'start_service', args: { command: watcher.command, name: 'watcher', wait_ms: 0 } }] };
      return { text: 'Both are running.' };
    });
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Serve', 'Start the dev server');
    await page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Serve', exact: true }).click();
    const taskView = page.getByRole('main', { name: 'Serve' });

    for (const command of [devServer.command, watcher.command]) {
      const card = taskView.getByRole('article', { name: 'Approval needed: start_service' });
      await expect(card).toContainText(command);
      await card.getByRole('button', { name: 'Approve' }).click();
    }
    await expect(taskView.getByRole('log', { name: 'Conversation' })).toContainText('Both are running.');

    const services = taskView.getByRole('region', { name: /^Services/ });
    await expect(services).toHaveAccessibleName('Services 2 running');
    const dev = services.getByRole('listitem', { name: 'dev server' });
    await expect(dev).toContainText('running');
    await expect(dev).toContainText(devServer.command);
    await dev.getByText('Recent output').click();
    await expect(dev).toContainText('dev server ready on 5173');
    await expect.poll(() => devServer.running().length).toBe(2);
    await expect.poll(() => watcher.running().length).toBe(1);
    await expect(page.getByRole('contentinfo', { name: 'About this Braid' })).toContainText(/Commands: isolated|Commands are not isolated on this machine: /);

    await dev.getByRole('button', { name: 'Stop dev server' }).click();
    await expect(dev).toBeHidden();
    await expect(services).toHaveAccessibleName('Services 1 running');
    await expect.poll(() => devServer.running()).toEqual([]);
    expect(watcher.running()).toHaveLength(1);

    await host.stop();
    await expect.poll(() => watcher.running()).toEqual([]);
  });
});
