import { basename } from 'node:path';
import { expect, test } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

/** What a user sees when the model endpoint misbehaves or Braid dies mid-answer. */
test.describe('agent failures in web mode', () => {
  test('an endpoint that answers with a login page: the task fails saying which endpoint sent what, and offers Retry', async ({ page, braid, repo, modelServer: server }) => {
    // The host's real backoff (five attempts) takes several seconds.
    test.setTimeout(90_000);
    server.script(() => ({ fault: { kind: 'raw', contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Login</title><p>Sign in</p>' } }));
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Behind a proxy', 'Say hello');

    const task = page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Behind a proxy', exact: true });
    await expect(task).toHaveAccessibleDescription('failed', { timeout: 60_000 });
    await task.click();
    const view = page.getByRole('main', { name: 'Behind a proxy' });
    const card = view.getByRole('log', { name: 'Conversation' }).getByRole('alert');
    await expect(card).toContainText(
      `The model endpoint ${server.openaiBaseURL}/chat/completions answered 200 with text/html ("<!doctype html><title>Login</title><p>Sign in</p>") instead of a model stream.`,
    );
    await expect(card.getByRole('button', { name: 'Retry' })).toBeVisible();
    // Retried with backoff, not asked fifty times as empty steps.
    expect(server.requests).toHaveLength(5);
  });

  test('killed mid-answer: after a restart the cut answer shows as incomplete, and Resume gets a new, complete answer', async ({ page, braid, repo, modelServer: server }) => {
    server.enqueue({ text: Array.from({ length: 400 }, (_, i) => `word${i} `), chunkDelayMs: 20 });
    let host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Long answer', 'Write a long answer');
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    await tasks.getByRole('button', { name: 'Long answer', exact: true }).click();
    const log = page.getByRole('main', { name: 'Long answer' }).getByRole('log', { name: 'Conversation' });
    // What the UI shows is already stored.
    await expect(log).toContainText('word5 ');

    await host.crash();
    host = await braid.start({ model: true });
    await page.goto(host.url);
    const task = page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Long answer', exact: true });
    await expect(task).toHaveAccessibleDescription('interrupted');
    await task.click();
    const view = page.getByRole('main', { name: 'Long answer' });
    const cut = view.getByRole('log', { name: 'Conversation' }).locator('.msg--assistant', { hasText: 'word0' });
    await expect(cut).toContainText('Incomplete (interrupted)');
    await expect(cut).not.toContainText('word399');
    await expect(view.getByRole('region', { name: 'Agent' })).toContainText('the answer was cut off. Resume asks the model again.');

    const requestsBeforeResume = server.requests.length;
    server.enqueue({ text: 'Finished after the crash.' });
    await view.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect(task).toHaveAccessibleDescription('done');
    const answer = view.getByRole('log', { name: 'Conversation' }).locator('.msg--assistant', { hasText: 'Finished after the crash.' });
    await expect(answer).not.toContainText('Incomplete');
    expect(server.requests).toHaveLength(requestsBeforeResume + 1);
    expect(JSON.stringify(server.requests.at(-1)?.body)).not.toContain('word0');
  });
});
