import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ScriptedModelServer } from '../src-main/testing/scripted-model-server';
import { expect, test, worktreesOf } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

/**
 * The model for this scenario: each task writes `<name>.txt`, then asks to run a command,
 * then finishes. `<name>` comes from the task's prompt, so both tasks share one server.
 */
function scriptAgents(server: ScriptedModelServer): void {
  server.script((request) => {
    const body = request.body as { messages: { role: string; content: unknown }[] };
    const firstUser = JSON.stringify(body.messages.find((message) => message.role === 'user')?.content ?? '');
    const name = /Create (\w+)/.exec(firstUser)?.[1] ?? 'unknown';
    const step = body.messages.filter((message) => message.role === 'assistant').length + 1;
    if (step === 1) {
      return { text: `Writing ${name}.txt now.`, toolCalls: [{ name: 'write_file', args: { path: `${name}.txt`, content: `${name} was here\n` } }], chunkDelayMs: 5 };
    }
    if (step === 2) return { text: 'Now I would like to run a command.', toolCalls: [{ name: 'run_command', args: { command: `echo ${name}-command > ran-${name}.txt` } }] };
    return { text: `All done for ${name}.`, chunkDelayMs: 5 };
  });
}

test.describe('agents in web mode', () => {
  test('two agents work at once in their own worktrees; approve one command, deny the other; both survive a restart', async ({ page, braid, repo, modelServer: server }) => {
    scriptAgents(server);
    let host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    const mainHead = repo.head();
    await addProject(page, repo.path);

    await createTask(page, projectName, 'Alpha', 'Create alpha');
    await createTask(page, projectName, 'Beta', 'Create beta');
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    const alpha = tasks.getByRole('button', { name: 'Alpha', exact: true });
    const beta = tasks.getByRole('button', { name: 'Beta', exact: true });
    // Both agents run at once and both stop to ask before running a command.
    await expect(alpha).toHaveAccessibleDescription('needs approval');
    await expect(beta).toHaveAccessibleDescription('needs approval');

    await alpha.click();
    const alphaView = page.getByRole('main', { name: 'Alpha' });
    // The approval is on the command's own card, which waits for it and then runs.
    const alphaCommand = alphaView.getByRole('article', { name: 'run_command call' });
    await expect(alphaCommand).toContainText('waiting for approval');
    const alphaCard = alphaCommand.getByRole('article', { name: 'Approval needed: run_command' });
    await expect(alphaCard).toContainText('echo alpha-command');
    await alphaCard.getByRole('button', { name: 'Approve' }).click();
    await expect(alpha).toHaveAccessibleDescription('done');
    await expect(alphaCommand.getByRole('region', { name: 'Approval: run_command' })).toHaveText('Approved');
    await expect(alphaCommand).toContainText('done');
    await expect(alphaView.getByRole('log', { name: 'Conversation' })).toContainText('All done for alpha.');

    await beta.click();
    const betaView = page.getByRole('main', { name: 'Beta' });
    const betaCard = betaView.getByRole('article', { name: 'Approval needed: run_command' });
    await betaCard.getByRole('button', { name: 'Deny' }).click();
    await betaCard.getByRole('textbox', { name: 'Reason for the agent' }).fill('no commands on this branch');
    await betaCard.getByRole('button', { name: 'Send denial' }).click();
    await expect(beta).toHaveAccessibleDescription('done');
    await expect(betaView.getByRole('log', { name: 'Conversation' })).toContainText('All done for beta.');

    // Each agent wrote its own file in its own worktree; only the approved command ran.
    const worktrees = worktreesOf(repo)
      .map((worktree) => worktree.path)
      .filter((path) => path !== repo.path);
    const alphaTree = worktrees.find((path) => existsSync(join(path, 'alpha.txt')));
    const betaTree = worktrees.find((path) => existsSync(join(path, 'beta.txt')));
    expect(alphaTree).toBeDefined();
    expect(betaTree).toBeDefined();
    expect(alphaTree).not.toBe(betaTree);
    expect(readFileSync(join(alphaTree ?? '', 'alpha.txt'), 'utf8')).toBe('alpha was here\n');
    expect(existsSync(join(alphaTree ?? '', 'beta.txt'))).toBe(false);
    expect(existsSync(join(alphaTree ?? '', 'ran-alpha.txt'))).toBe(true);
    expect(existsSync(join(betaTree ?? '', 'ran-beta.txt'))).toBe(false);
    // The user's checkout is untouched.
    expect(repo.git('status', '--porcelain')).toBe('');
    expect(repo.head()).toBe(mainHead);
    // The denial reason reached the model.
    expect(JSON.stringify(server.requests.map((request) => request.body))).toContain('no commands on this branch');

    // After a restart both conversations are still there.
    await host.stop();
    host = await braid.start({ model: true });
    await page.goto(host.url);
    await page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Alpha', exact: true }).click();
    const log = page.getByRole('main', { name: 'Alpha' }).getByRole('log', { name: 'Conversation' });
    await expect(log).toContainText('Create alpha');
    await expect(log).toContainText('All done for alpha.');
    await page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Beta', exact: true }).click();
    await expect(page.getByRole('main', { name: 'Beta' }).getByRole('log', { name: 'Conversation' })).toContainText('All done for beta.');
  });
});
