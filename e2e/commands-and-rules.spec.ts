import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, test } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

type Body = { messages: { role: string; content: unknown }[] };

test.use({
  repoFiles: {
    'README.md': '# app\n',
    'AGENTS.md': 'E2E-AGENTS-RULE: keep changes small.\n',
    '.claude/commands/greet.md': '---\ndescription: Greet someone politely\nargument-hint: <name>\n---\nSay hello to $ARGUMENTS, politely, in one line.\n',
  },
});

test.describe('slash commands and rules in web mode', () => {
  test('type /, pick a project command and give it an argument: the expanded prompt reaches the model; the rules panel lists AGENTS.md', async ({ page, braid, repo, dataDir, modelServer }) => {
    modelServer.enqueue({ text: 'Hello, Ada!' });
    // A home of its own: the developer's ~/.claude must not add commands or rules here.
    const home = join(dataDir, 'home');
    mkdirSync(home);
    const host = await braid.start({ model: true, env: { HOME: home } });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Greeting', '');
    const taskButton = page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Greeting', exact: true });
    await expect(taskButton).toHaveAccessibleDescription('ready');

    const view = page.getByRole('main', { name: 'Greeting' });
    const box = view.getByRole('textbox', { name: 'Message' });
    await box.click();
    await box.pressSequentially('/');
    const menu = view.getByRole('listbox', { name: 'Commands' });
    await expect(menu.getByRole('option', { name: /^\/help/ })).toBeVisible();
    await box.pressSequentially('gre');
    const greet = menu.getByRole('option', { name: /^\/greet <name> Greet someone politely/ });
    await expect(greet).toHaveAttribute('aria-selected', 'true');
    await expect(menu.getByRole('option')).toHaveCount(1);
    await box.press('Enter');
    await expect(box).toHaveValue('/greet ');
    await expect(menu).toBeHidden();
    await box.pressSequentially('Ada');
    await box.press('Control+Enter');
    await expect(taskButton).toHaveAccessibleDescription('done');

    // The model got the command's expanded prompt, and the rules of AGENTS.md in its system prompt.
    const request = modelServer.requests[0]!.body as Body;
    expect(JSON.stringify(request.messages.at(-1))).toContain('Say hello to Ada, politely, in one line.');
    expect(JSON.stringify(request)).toContain('E2E-AGENTS-RULE');
    // The timeline shows the command as typed, its expanded prompt folded below.
    const ran = view.getByRole('article', { name: 'Command /greet Ada' });
    await expect(ran).toContainText('from .claude/commands/greet.md');
    await ran.getByText('Expanded prompt').click();
    await expect(ran).toContainText('Say hello to Ada, politely, in one line.');

    // An unknown command is refused where it was typed, and nothing is sent.
    await box.fill('/nope now');
    await box.press('Control+Enter');
    await expect(view.getByRole('alert')).toContainText('There is no command /nope');
    await expect(box).toHaveValue('/nope now');
    expect(modelServer.requests).toHaveLength(1);

    // The rules panel lists what the task was given.
    await view.getByText('Rules', { exact: true }).click();
    const given = view.getByRole('region', { name: 'Rules of this task' }).getByRole('list', { name: 'Rules given to this task' });
    await expect(given).toContainText('AGENTS.md · project · always');
  });
});
