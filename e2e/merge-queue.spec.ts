import { basename } from 'node:path';
import type { Page } from '@playwright/test';
import type { ScriptedModelServer } from '../src-main/testing/scripted-model-server';
import { expect, test } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

/** Fails, naming the file, when any text file in the candidate says "broken". */
const gate = 'for f in *.txt; do if grep -q broken "$f"; then echo "FAILED: $f is broken"; exit 1; fi; done; echo "all fine"';

/**
 * Alpha writes a good file, Beta a broken one; both leave their work uncommitted. After the
 * queue sends Beta its gate failure, Beta's agent answers that it will fix it.
 */
function scriptAgents(server: ScriptedModelServer): void {
  server.script((request) => {
    const body = request.body as { messages: { role: string; content: unknown }[] };
    const users = body.messages.filter((message) => message.role === 'user').map((message) => JSON.stringify(message.content));
    if (users.at(-1)?.includes('The merge queue could not land this task')) return { text: 'I see the gate failure; fixing beta.txt.' };
    const step = body.messages.filter((message) => message.role === 'assistant').length + 1;
    const name = users[0]?.includes('Write beta') ? 'beta' : 'alpha';
    if (step === 1) return { text: `Writing ${name}.txt.`, toolCalls: [{ name: 'write_file', args: { path: `${name}.txt`, content: name === 'beta' ? 'this one is broken\n' : 'this one is fine\n' } }] };
    return { text: `Wrote ${name}.txt.` };
  });
}

/** Records every system notification the page raises (page code, as text: e2e files have no DOM types). */
const recordNotifications = `
  const Real = window.Notification;
  const shown = [];
  class Recording extends Real {
    constructor(title, options) {
      super(title, options);
      shown.push({ title, body: (options && options.body) || '' });
    }
  }
  window.Notification = Recording;
  window.braidNotifications = shown;
`;

const notificationTitles = (page: Page) => page.evaluate<string[]>('window.braidNotifications.map((n) => n.title + " | " + n.body)');

test.describe('merge queue in web mode', () => {
  test.use({ permissions: ['notifications'] });
  test.beforeEach(({ modelServer }) => scriptAgents(modelServer));

  test('two tasks queued (from DiffLens and the palette): the first lands with a notification, the second’s gate fails with its log visible, and the failure is sent to its agent', async ({ page, braid, repo, modelServer }) => {
    await page.addInitScript({ content: recordNotifications });
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Alpha', 'Write alpha');
    await createTask(page, projectName, 'Beta', 'Write beta');
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    await expect(tasks.getByRole('button', { name: 'Alpha', exact: true })).toHaveAccessibleDescription('done');
    await expect(tasks.getByRole('button', { name: 'Beta', exact: true })).toHaveAccessibleDescription('done');

    // The project's queue settings: the gate command.
    await page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: projectName, exact: true }).click();
    const queuePanel = page.getByRole('main', { name: projectName }).getByRole('region', { name: 'Merge queue' });
    await queuePanel.getByText('Queue settings', { exact: true }).click();
    const settings = queuePanel.getByRole('form', { name: 'Queue settings' });
    await settings.getByRole('textbox', { name: 'Gate command' }).fill(gate);
    await settings.getByRole('button', { name: 'Save queue settings' }).click();
    await expect(settings.getByRole('status')).toHaveText('Saved.');

    // Alpha goes into the queue from DiffLens, and lands while the user is still there: a notification says so.
    await tasks.getByRole('button', { name: 'Alpha', exact: true }).click();
    await page.getByRole('button', { name: `Review changes in ${projectName}` }).click();
    const alphaPane = page.getByRole('main', { name: `Review ${projectName}` }).getByRole('region', { name: 'Changes of Alpha' });
    await alphaPane.getByRole('button', { name: 'Add to merge queue' }).click();
    // (An agent that finished while another task was on screen may have been announced too.)
    await expect.poll(() => notificationTitles(page)).toContain(`Alpha landed on main | In ${projectName}`);

    // Beta goes into the queue from the palette; its gate fails, which its task view says.
    await tasks.getByRole('button', { name: 'Beta', exact: true }).click();
    const betaView = page.getByRole('main', { name: 'Beta' });
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox', { name: 'Search actions' }).fill('add this task to the merge queue');
    await palette.getByRole('combobox', { name: 'Search actions' }).press('Enter');
    await expect(palette).toBeHidden();
    await expect(betaView.getByRole('status').filter({ hasText: 'Merge queue into main: ejected' })).toContainText('failed (exit 1)');
    // Beta was on screen when it was ejected: no notification for that.
    expect((await notificationTitles(page)).filter((title) => title.startsWith('Beta was ejected'))).toEqual([]);

    // The queue panel: Alpha landed, Beta ejected with the gate's log.
    await page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: projectName, exact: true }).click();
    const entries = queuePanel.getByRole('list', { name: 'Entries in the queue into main' });
    const alpha = entries.getByRole('listitem', { name: 'Alpha' });
    const beta = entries.getByRole('listitem', { name: 'Beta' });
    await expect(alpha).toContainText('landed');
    await expect(beta).toContainText('ejected');
    await expect(beta.getByRole('group', { name: 'Why Beta was ejected' })).toContainText('The gate failed (exit 1) on top of main');
    await expect(beta.getByLabel('Gate log of Beta')).toContainText('FAILED: beta.txt is broken');
    expect(repo.git('show', 'main:alpha.txt')).toBe('this one is fine');
    expect(() => repo.git('show', 'main:beta.txt')).toThrow();
    // The user's checkout (on main, clean) followed the branch.
    expect(repo.git('status', '--porcelain')).toBe('');

    // Send the failure to Beta's agent: it reaches the model and the conversation.
    const before = modelServer.requests.length;
    await beta.getByRole('button', { name: 'Send the failure to the agent' }).click();
    await expect(beta.getByRole('status')).toContainText('Sent the failure to the agent');
    await tasks.getByRole('button', { name: 'Beta', exact: true }).click();
    await expect(betaView.getByText('I see the gate failure; fixing beta.txt.')).toBeVisible();
    const sent = modelServer.requests.slice(before).map((request) => JSON.stringify(request.body));
    expect(sent.some((body) => body.includes('FAILED: beta.txt is broken') && body.includes('could not land this task on `main`'))).toBe(true);

    // Instead of merging, a pull request: this repository has no remote, and the dialog says so before anything is pushed.
    await betaView.getByRole('button', { name: 'Merge…' }).click();
    await page.getByRole('dialog', { name: 'Merge Beta' }).getByRole('button', { name: 'Open pull request instead…' }).click();
    const pullRequest = page.getByRole('dialog', { name: 'Pull request for Beta' });
    await expect(pullRequest).toContainText('This repository has no remote to push to.');
    await expect(pullRequest.getByRole('textbox', { name: 'Description' })).toHaveValue(/## Goal\n\nWrite beta/);
    await expect(pullRequest.getByRole('button', { name: 'Push and open pull request' })).toBeDisabled();
  });

  test.describe('with the gate in .braid/workspace.json on main', () => {
    const gateLines = ['test -e alpha.txt', 'echo "the gate passed"'];
    test.use({ repoFiles: { 'README.md': '# queue trust\n', '.braid/workspace.json': `${JSON.stringify({ test: gateLines }, null, 2)}\n` } });

    test('the queue waits for the gate to be trusted, shows its lines, and "Trust and resume" lands the task', async ({ page, braid, repo }) => {
      const host = await braid.start({ model: true });
      await page.goto(host.url);
      const projectName = basename(repo.path);
      await addProject(page, repo.path);
      await createTask(page, projectName, 'Alpha', 'Write alpha');
      const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
      await expect(tasks.getByRole('button', { name: 'Alpha', exact: true })).toHaveAccessibleDescription('done');

      await tasks.getByRole('button', { name: 'Alpha', exact: true }).click();
      await page.getByRole('button', { name: `Review changes in ${projectName}` }).click();
      await page.getByRole('main', { name: `Review ${projectName}` }).getByRole('region', { name: 'Changes of Alpha' }).getByRole('button', { name: 'Add to merge queue' }).click();

      await page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: projectName, exact: true }).click();
      const queuePanel = page.getByRole('main', { name: projectName }).getByRole('region', { name: 'Merge queue' });
      await expect(queuePanel).toContainText('Paused: The gate (test) of .braid/workspace.json on main runs only once you trust it');
      const toTrust = queuePanel.getByRole('region', { name: 'Scripts to trust for the queue into main' });
      await expect(toTrust).toContainText('.braid/workspace.json');
      await expect(toTrust.getByRole('region', { name: 'Gate (test)' })).toHaveText(`Gate (test)${gateLines.join('\n')}`);
      expect(() => repo.git('show', 'main:alpha.txt')).toThrow();

      await toTrust.getByRole('button', { name: 'Trust and resume' }).click();
      const alpha = queuePanel.getByRole('list', { name: 'Entries in the queue into main' }).getByRole('listitem', { name: 'Alpha' });
      await expect(alpha).toContainText('landed');
      await expect(toTrust).toBeHidden();
      expect(repo.git('show', 'main:alpha.txt')).toBe('this one is fine');
    });
  });
});
