import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { agentMarkdown, scriptAgents } from '../src-main/testing/subagent-script';
import { expect, test } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

test.describe('subagents in web mode', () => {
  test.use({
    repoFiles: {
      'README.md': '# app\n',
      'src/index.ts': 'export const answer = 42;\n',
      '.claude/agents/reviewer.md': agentMarkdown({ name: 'reviewer', description: 'Reviews a change', tools: 'Read, Grep' }, 'You review code.'),
      '.claude/agents/broken.md': agentMarkdown({ name: 'broken', description: 'Has a bad mode', permissionMode: 'sometimes' }, 'x'),
    },
  });

  test('a subagent’s timeline is nested under its parent in the sidebar and opens from there and from the delegate call', async ({ page, braid, repo, modelServer }) => {
    scriptAgents(modelServer, {
      parent: [
        { text: 'Asking the reviewer.', toolCalls: [{ id: 'd1', name: 'delegate', args: { agent: 'reviewer', prompt: 'Review src/index.ts', title: 'Review the answer' } }] },
        { text: 'The reviewer says it is right.' },
      ],
      reviewer: [{ text: 'Reviewer: answer = 42 is right.', chunkDelayMs: 5 }],
    });
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Ship it', 'Get src/index.ts reviewed');

    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    const parent = tasks.getByRole('button', { name: 'Ship it', exact: true });
    await expect(parent).toHaveAccessibleDescription('done');
    const nested = tasks.getByRole('list', { name: 'Subagents of Ship it' });
    const child = nested.getByRole('button', { name: 'Review the answer', exact: true });
    await expect(child).toHaveAccessibleDescription('done');

    // From the parent's conversation: the delegate call's card opens the subagent's task.
    await parent.click();
    const parentView = page.getByRole('main', { name: 'Ship it' });
    const call = parentView.getByRole('article', { name: 'delegate call' });
    await expect(call).toContainText('reviewer');
    await expect(parentView.getByRole('log', { name: 'Conversation' })).toContainText('The reviewer says it is right.');
    await call.getByRole('button', { name: 'Open subagent reviewer' }).click();

    const childView = page.getByRole('main', { name: 'Review the answer' });
    await expect(childView.getByRole('note', { name: 'Subagent' })).toContainText('Subagent reviewer (Project (.claude/agents)), started by Ship it');
    const childConversation = childView.getByRole('log', { name: 'Conversation' });
    await expect(childConversation).toContainText('Review src/index.ts');
    await expect(childConversation).toContainText('Reviewer: answer = 42 is right.');
    await expect(child).toHaveAttribute('aria-current', 'page');
    // It works in its parent's workspace: no merge of its own.
    await expect(childView.getByRole('button', { name: /^Merge/ })).toHaveCount(0);

    // Back to the parent from the subagent's task, then open the subagent from the sidebar.
    await childView.getByRole('button', { name: 'Ship it' }).click();
    await expect(page.getByRole('main', { name: 'Ship it' })).toBeVisible();
    await child.click();
    await expect(page.getByRole('main', { name: 'Review the answer' }).getByRole('log', { name: 'Conversation' })).toContainText('Reviewer: answer = 42 is right.');
  });

  test('Settings → Agents lists the definitions with their source and parse error, and writes a new one', async ({ page, braid, repo }) => {
    const host = await braid.start();
    await page.goto(host.url);
    await addProject(page, repo.path);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Agents' }).click();
    const section = settings.getByRole('region', { name: 'Subagents' });

    await expect(section.getByRole('article', { name: 'Subagent reviewer (Project (.claude/agents))' })).toContainText('Reviews a change');
    await expect(section.getByRole('article', { name: 'Subagent broken (Project (.claude/agents))' })).toContainText('Cannot be used: permissionMode: "sometimes" is not a mode');

    await section.getByRole('button', { name: 'New subagent' }).click();
    const form = section.getByRole('form', { name: 'New subagent' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Test Writer');
    await form.getByRole('textbox', { name: 'Description' }).fill('Writes tests for a change');
    await form.getByRole('textbox', { name: 'Tools', exact: true }).fill('Read, Edit, Bash');
    await form.getByRole('spinbutton', { name: 'Turn limit' }).fill('12');
    await form.getByRole('textbox', { name: 'Instructions' }).fill('Write focused tests.');
    await form.getByRole('button', { name: 'Save subagent' }).click();
    // A bad name is refused at its field, and nothing is written.
    await expect(form.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(/lowercase letters, digits and hyphens/);
    expect(existsSync(join(repo.path, '.claude/agents/Test Writer.md'))).toBe(false);

    await form.getByRole('textbox', { name: 'Name' }).fill('test-writer');
    await form.getByRole('button', { name: 'Save subagent' }).click();
    await expect(section.getByRole('status')).toHaveText('Saved test-writer.md in Project (.claude/agents).');
    const card = section.getByRole('article', { name: 'Subagent test-writer (Project (.claude/agents))' });
    await expect(card).toContainText('Read, Edit, Bash');
    const written = readFileSync(join(repo.path, '.claude/agents/test-writer.md'), 'utf8');
    expect(written).toBe('---\nname: test-writer\ndescription: Writes tests for a change\ntools: Read, Edit, Bash\nmaxTurns: 12\n---\nWrite focused tests.\n');

    // Edit it: the form starts from the file, and the change is written back.
    await card.getByRole('button', { name: 'Edit' }).click();
    const edit = section.getByRole('form', { name: 'Edit subagent test-writer' });
    await expect(edit.getByRole('textbox', { name: 'Tools', exact: true })).toHaveValue('Read, Edit, Bash');
    await edit.getByRole('combobox', { name: 'Permission mode' }).selectOption({ label: 'Accept edits (acceptEdits)' });
    await edit.getByRole('button', { name: 'Save subagent' }).click();
    await expect(section.getByRole('article', { name: 'Subagent test-writer (Project (.claude/agents))' })).toContainText('acceptEdits');
    expect(readFileSync(join(repo.path, '.claude/agents/test-writer.md'), 'utf8')).toContain('permissionMode: acceptEdits\n');
  });
});

test.describe('a subagent’s task in its parent’s workspace', () => {
  test.use({
    repoFiles: {
      'README.md': '# app\n',
      '.braid/workspace.json': `${JSON.stringify({ run: ['echo serving'] })}\n`,
      '.claude/agents/reviewer.md': agentMarkdown({ name: 'reviewer', description: 'Reviews a change', tools: 'Read, Grep' }, 'You review code.'),
    },
  });

  test('its view runs nothing of its own (the parent has Run) and shows where the parent’s work stands in the merge queue', async ({ page, braid, repo, modelServer }) => {
    scriptAgents(modelServer, {
      parent: [
        {
          text: 'Writing it, then asking the reviewer.',
          toolCalls: [
            { id: 'w1', name: 'write_file', args: { path: 'notes.txt', content: 'reviewed work\n' } },
            { id: 'd1', name: 'delegate', args: { agent: 'reviewer', prompt: 'Review notes.txt', title: 'Review the notes' } },
          ],
        },
        { text: 'The reviewer agrees.' },
      ],
      reviewer: [{ text: 'Reviewer: the notes are fine.' }],
    });
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Notes', 'Write notes.txt and get it reviewed');
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    await expect(tasks.getByRole('button', { name: 'Notes', exact: true })).toHaveAccessibleDescription('done');
    await expect(page.getByRole('main', { name: 'Notes' }).getByRole('button', { name: 'Run', exact: true })).toBeVisible();

    const child = tasks.getByRole('list', { name: 'Subagents of Notes' }).getByRole('button', { name: 'Review the notes', exact: true });
    await child.click();
    const childView = page.getByRole('main', { name: 'Review the notes' });
    await expect(childView.getByRole('log', { name: 'Conversation' })).toContainText('Reviewer: the notes are fine.');
    await expect(childView.getByRole('button', { name: 'Run', exact: true })).toHaveCount(0);

    // Added from the subagent's task (the palette), the queue lands the parent's work; the subagent's view says where it stands.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox', { name: 'Search actions' }).fill('add this task to the merge queue');
    await palette.getByRole('combobox', { name: 'Search actions' }).press('Enter');
    await expect(palette).toBeHidden();
    await expect(childView.getByRole('status').filter({ hasText: 'Merge queue into main' })).toContainText('landed');
    expect(repo.git('show', 'main:notes.txt')).toBe('reviewed work');
  });
});

