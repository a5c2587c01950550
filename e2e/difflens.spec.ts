import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import { git, type FixtureRepo } from '../src-main/testing/git-fixtures';
import type { ScriptedModelServer } from '../src-main/testing/scripted-model-server';
import { expect, test, worktreesOf } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

const filler = Array.from({ length: 16 }, (_, i) => `export const value${i} = ${i};`);
const appSource = [
  'export function greet(name: string): string {',
  "  return 'Hello ' + name;",
  '}',
  ...filler,
  'export function farewell(name: string): string {',
  "  return 'Goodbye ' + name;",
  '}',
  '',
].join('\n');

const shots = process.env.DIFFLENS_SCREENSHOTS;
const shoot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`) });
};

/**
 * The model: one step edits both functions of src/app.ts (two hunks), the next writes
 * NOTES.md, then it runs a command that fails, then it is done. A follow-up carrying review
 * comments gets a short answer.
 */
function scriptAgent(server: ScriptedModelServer): void {
  server.script((request) => {
    const body = request.body as { messages: { role: string; content: unknown }[] };
    const lastUser = [...body.messages].reverse().find((message) => message.role === 'user');
    if (JSON.stringify(lastUser?.content ?? '').includes('I reviewed your changes')) return { text: 'Thanks for the review, renaming it now.' };
    const step = body.messages.filter((message) => message.role === 'assistant').length + 1;
    if (step === 1) {
      return {
        text: 'I will make the greeting friendlier and the farewell shorter.',
        toolCalls: [
          { name: 'edit_file', args: { path: 'src/app.ts', old_text: "  return 'Hello ' + name;", new_text: "  return 'Hi there, ' + name;" } },
          { name: 'edit_file', args: { path: 'src/app.ts', old_text: "  return 'Goodbye ' + name;", new_text: "  return 'Bye ' + name;" } },
        ],
      };
    }
    if (step === 2) return { text: 'Now the notes.', toolCalls: [{ name: 'write_file', args: { path: 'NOTES.md', content: '# Notes\n\nGreetings are friendlier.\n' } }] };
    if (step === 3) return { text: 'Checking for a leftover file.', toolCalls: [{ name: 'run_command', args: { command: 'test -f leftover.txt' } }] };
    return { text: 'All done.' };
  });
}

function workspaceOf(repo: FixtureRepo): string {
  const path = worktreesOf(repo).find((worktree) => worktree.path !== repo.path)?.path;
  if (!path) throw new Error('no workspace');
  return path;
}

test.describe('DiffLens in web mode', () => {
  test.use({ repoFiles: { 'src/app.ts': appSource, 'README.md': '# fixture\n' } });

  test('review an agent’s work: summary, diff, provenance, accept, revert, comment back to the agent', async ({ page, braid, repo, modelServer: server }) => {
    scriptAgent(server);
    const host = await braid.start({ model: true });
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);

    await createTask(page, projectName, 'Polish', 'Polish the greetings');
    const taskButton = page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Polish', exact: true });
    await taskButton.click();
    const taskView = page.getByRole('main', { name: 'Polish' });
    await taskView.getByRole('article', { name: 'Approval needed: run_command' }).getByRole('button', { name: 'Approve' }).click();
    await expect(taskButton).toHaveAccessibleDescription('done');
    // The changes column follows the agent live.
    await expect(page.getByRole('list', { name: 'Files changed by Polish' }).getByRole('button', { name: 'NOTES.md' })).toBeVisible();
    await shoot(page, 'task-view');

    // One click from the sidebar into DiffLens.
    await page.getByRole('button', { name: `Review changes in ${projectName}` }).click();
    const review = page.getByRole('main', { name: `Review ${projectName}` });
    const card = review.getByRole('list', { name: 'Tasks with changes' }).getByRole('button', { name: 'Polish' });
    await expect(card).toHaveAccessibleDescription(/done; 2 files \+5 −2; 1 command, 1 failed/);
    const pane = review.getByRole('region', { name: 'Changes of Polish' });
    await expect(pane.getByRole('list', { name: 'Commands the agent ran' }).getByRole('listitem')).toHaveText(/exit 1\s*test -f leftover\.txt/);

    const files = pane.getByRole('list', { name: 'Changed files' });
    await files.getByRole('button', { name: 'src/app.ts' }).click();
    await expect(files.getByRole('button', { name: 'src/app.ts' })).toHaveAttribute('aria-current', 'true');
    const diff = pane.getByRole('region', { name: 'Diff of src/app.ts' });
    const modified = diff.locator('.editor.modified');
    await expect(modified).toContainText(/Hi.there/);
    await expect(diff.locator('.editor.original')).toContainText(/Hello/);
    await shoot(page, 'difflens-light');

    // Each hunk says which agent step made it; the link opens that step in the conversation.
    const hunks = diff.getByRole('region', { name: 'Hunks' }).getByRole('article');
    await expect(hunks).toHaveCount(2);
    await expect(hunks.first()).toContainText('by agent, step 1');
    await expect(hunks.first()).toContainText('I will make the greeting friendlier');
    await hunks.first().getByRole('button', { name: 'by agent, step 1' }).click();
    const revealed = page.getByRole('main', { name: 'Polish' }).locator('article[aria-current="true"]');
    await expect(revealed).toHaveAccessibleName('edit_file call');
    await expect(revealed).toBeInViewport();
    // The first of the step's two edits: the one that changed greet().
    await expect(page.getByRole('main', { name: 'Polish' }).getByRole('article', { name: 'edit_file call' }).first()).toHaveAttribute('aria-current', 'true');

    // Back to DiffLens (Alt+R): accept the first hunk, revert the second.
    await page.keyboard.press('Alt+r');
    await expect(diff.locator('.editor.modified')).toContainText(/Hi.there/);
    await hunks.first().getByRole('button', { name: 'Accept hunk' }).click();
    await expect(diff.getByRole('status').filter({ hasText: /Committed [0-9a-f]{7}/ })).toBeVisible();
    const workspace = workspaceOf(repo);
    expect(git(workspace, 'log', '-1', '--format=%s')).toMatch(/app\.ts/);
    expect(git(workspace, 'show', '--name-only', '--format=', 'HEAD')).toBe('src/app.ts');
    expect(git(workspace, 'show', 'HEAD:src/app.ts')).toContain("'Hi there, '");

    await hunks.nth(1).getByRole('button', { name: 'Revert hunk' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Revert this hunk?' });
    await confirm.getByRole('button', { name: 'Revert', exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(hunks).toHaveCount(1);
    const onDisk = readFileSync(join(workspace, 'src/app.ts'), 'utf8');
    expect(onDisk).toContain("'Goodbye '");
    expect(onDisk).toContain("'Hi there, '");
    await expect(card).toHaveAccessibleDescription(/2 files \+4 −1/);

    // A created file is shown as its lines, all added; nothing is marked removed (it had no old side).
    await files.getByRole('button', { name: 'NOTES.md' }).click();
    const notes = pane.getByRole('region', { name: 'Diff of NOTES.md' });
    await expect(notes).toContainText('Greetings are friendlier.');
    await expect(notes.locator('.view-overlays .line-insert')).toHaveCount(3);
    await expect(notes.locator('.line-delete')).toHaveCount(0);
    await files.getByRole('button', { name: 'src/app.ts' }).click();

    // Keys: J moves to the next file, K back.
    await page.getByRole('heading', { name: 'Review changes' }).click();
    const order = await files.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    const other = order.find((name) => name !== 'src/app.ts') ?? '';
    await page.keyboard.press(order.indexOf('src/app.ts') === 0 ? 'j' : 'k');
    await expect(files.getByRole('button', { name: other })).toHaveAttribute('aria-current', 'true');
    await files.getByRole('button', { name: 'src/app.ts' }).click();

    // Comment on a line (its number in the gutter), send it, the agent answers in the task.
    await diff.locator('.editor.modified .line-numbers').filter({ hasText: /^2$/ }).click();
    const composer = diff.getByRole('form', { name: 'Comment on src/app.ts:2' });
    await composer.getByRole('textbox', { name: 'Comment' }).fill('Call it salutation instead');
    await composer.getByRole('button', { name: 'Add comment' }).click();
    const comment = pane.getByRole('article', { name: 'Comment on src/app.ts:2' });
    await expect(comment).toContainText('open');
    await expect(comment).toContainText("return 'Hi there, ' + name;");
    await shoot(page, 'difflens-comment');
    await pane.getByRole('button', { name: 'Send to agent' }).click();
    await expect(pane.getByRole('status').filter({ hasText: /Sent 1 comment/ })).toBeVisible();
    await expect(comment).toContainText('sent');
    await expect(pane.getByRole('button', { name: 'Send to agent' })).toBeDisabled();

    await pane.getByRole('button', { name: 'Open conversation' }).click();
    const log = page.getByRole('main', { name: 'Polish' }).getByRole('log', { name: 'Conversation' });
    await expect(log).toContainText('Call it salutation instead');
    await expect(log).toContainText('Thanks for the review, renaming it now.');

    if (shots) {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.keyboard.press('Alt+r');
      await expect(page.getByRole('region', { name: 'Diff of src/app.ts' }).locator('.editor.modified .line-insert').first()).toBeVisible();
      await shoot(page, 'difflens-dark');
    }
  });
});
