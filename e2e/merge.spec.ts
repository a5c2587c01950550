import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { ScriptedModelServer } from '../src-main/testing/scripted-model-server';
import { expect, test, worktreesOf } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

const original = 'line one\nline two\nline three\n';
const editedBy = (name: string) => `line one\nline two, as ${name} wants it\nline three\n`;

/** Twenty lines; the notes task rewrites lines 2 and 18, far enough apart to be two hunks. */
const notesLines = Array.from({ length: 20 }, (_, index) => `note ${index + 1}`);
const notes = (changed: Record<number, string>) => `${notesLines.map((line, index) => changed[index + 1] ?? line).join('\n')}\n`;

/**
 * Both agents rewrite the same line of `shared.txt` (the task's prompt names who), then
 * finish. Their changes stay uncommitted: the test commits one through the history panel and
 * merges the other's uncommitted changes directly. A task told to "Edit two places" rewrites
 * two distant lines of `notes.txt` instead.
 */
function scriptAgents(server: ScriptedModelServer): void {
  server.script((request) => {
    const body = request.body as { messages: { role: string; content: unknown }[] };
    const firstUser = JSON.stringify(body.messages.find((message) => message.role === 'user')?.content ?? '');
    const step = body.messages.filter((message) => message.role === 'assistant').length + 1;
    if (firstUser.includes('Write a greeting')) {
      if (step === 1) return { text: 'Writing greeting.txt.', toolCalls: [{ name: 'write_file', args: { path: 'greeting.txt', content: 'hello from the agent\n' } }] };
      return { text: 'Wrote the greeting; I did not commit it.' };
    }
    if (firstUser.includes('Edit two places')) {
      if (step === 1) return { text: 'Editing notes.txt twice.', toolCalls: [{ name: 'write_file', args: { path: 'notes.txt', content: notes({ 2: 'note two, reworded', 18: 'note eighteen, reworded' }) } }] };
      return { text: 'Done with the notes.' };
    }
    const name = /Edit as (\w+)/.exec(firstUser)?.[1] ?? 'unknown';
    if (step === 1) return { text: `Editing shared.txt for ${name}.`, toolCalls: [{ name: 'write_file', args: { path: 'shared.txt', content: editedBy(name) } }] };
    return { text: `Done for ${name}.` };
  });
}

test.describe('conflict radar and merge back in web mode', () => {
  test.use({ repoFiles: { 'shared.txt': original, 'notes.txt': notes({}) } });
  test.beforeEach(({ modelServer }) => scriptAgents(modelServer));

  test('two tasks edit the same line: the radar warns, the first merges, the second resolves its conflict in the three-way view', async ({ page, braid, repo }) => {
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);

    await createTask(page, projectName, 'Alpha', 'Edit as alpha');
    await createTask(page, projectName, 'Beta', 'Edit as beta');
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    await expect(tasks.getByRole('button', { name: 'Alpha', exact: true })).toHaveAccessibleDescription('done');
    await expect(tasks.getByRole('button', { name: 'Beta', exact: true })).toHaveAccessibleDescription('done');

    // The radar sees both tasks change line 2 of shared.txt.
    await expect(tasks.getByRole('img', { name: 'Alpha: overlap' })).toHaveAccessibleDescription('merges cleanly; overlaps Beta in shared.txt (line 2)');
    await expect(tasks.getByRole('img', { name: 'Beta: overlap' })).toHaveAccessibleDescription(/overlaps Alpha in shared\.txt/);

    // Alpha: commit through the history panel, then merge with a merge commit.
    await tasks.getByRole('button', { name: 'Alpha', exact: true }).click();
    const alphaView = page.getByRole('main', { name: 'Alpha' });
    await alphaView.getByText('History and checkpoints').click();
    const history = alphaView.getByRole('region', { name: 'History' });
    await history.getByRole('textbox', { name: 'Commit message' }).fill('Alpha edits line two');
    await history.getByRole('button', { name: 'Commit', exact: true }).click();
    await expect(history.getByRole('status').first()).toContainText('“Alpha edits line two” (1 file)');
    await expect(history.getByRole('list', { name: 'Commits since main' })).toContainText('Alpha edits line two');
    await expect(history).toContainText('1 commit ahead of main');

    await alphaView.getByRole('button', { name: 'Merge…' }).click();
    const alphaDialog = page.getByRole('dialog', { name: 'Merge Alpha' });
    const alphaPreview = alphaDialog.getByRole('region', { name: 'Merge preview' });
    await expect(alphaPreview.getByRole('list', { name: 'Commits that land' })).toContainText('Alpha edits line two');
    await expect(alphaPreview.getByRole('list', { name: 'Files that change' })).toContainText('shared.txt');
    await expect(alphaPreview.getByRole('list', { name: 'Files that change' })).toContainText('+1 −1');
    await expect(alphaPreview).toContainText('Merges cleanly.');
    const mainBefore = repo.head();
    await expect(alphaPreview).toContainText(mainBefore.slice(0, 10));
    // A double click must not merge twice.
    await alphaDialog.getByRole('button', { name: 'Merge', exact: true }).dblclick();
    await expect(alphaDialog.getByRole('region', { name: 'Merge result' })).toContainText('Merged into main');
    expect(repo.git('rev-list', '--count', `${mainBefore}..main`)).toBe('2');
    expect(repo.git('show', 'main:shared.txt')).toBe(editedBy('alpha').trimEnd());
    await alphaDialog.getByRole('button', { name: 'Close' }).click();
    await expect(tasks.getByRole('img', { name: 'Alpha: merged' })).toHaveAccessibleDescription('merged into main');
    await expect(alphaView.getByRole('button', { name: 'Archive…' })).toBeVisible();

    // Beta now conflicts with main, and says so in the sidebar.
    await expect(tasks.getByRole('img', { name: 'Beta: conflict' })).toHaveAccessibleDescription('conflicts in: shared.txt');

    await tasks.getByRole('button', { name: 'Beta', exact: true }).click();
    const betaView = page.getByRole('main', { name: 'Beta' });
    await betaView.getByRole('button', { name: 'Merge…' }).click();
    const betaDialog = page.getByRole('dialog', { name: 'Merge Beta' });
    const betaPreview = betaDialog.getByRole('region', { name: 'Merge preview' });
    // Beta's edit is uncommitted: the merge takes it by default.
    await expect(betaDialog.getByRole('checkbox', { name: /Include uncommitted changes/ })).toBeChecked();
    await expect(betaPreview).toContainText('Conflicts in: shared.txt');
    await betaDialog.getByRole('button', { name: 'Merge and resolve conflicts' }).click();

    // The three-way view: base / ours (main) / theirs (the workspace) and an editable result.
    await expect(betaDialog.getByRole('region', { name: 'Base version of shared.txt' })).toContainText('line two');
    await expect(betaDialog.getByRole('region', { name: 'Ours version of shared.txt' })).toContainText('as alpha wants it');
    await expect(betaDialog.getByRole('region', { name: 'Theirs version of shared.txt' })).toContainText('as beta wants it');
    const result = betaDialog.getByRole('textbox', { name: 'Result for shared.txt' });
    await expect(result).toHaveValue(/<<<<<<< /);
    await expect(betaDialog.getByRole('button', { name: 'Complete merge' })).toBeDisabled();
    await betaDialog.getByRole('button', { name: 'Keep both' }).click();
    await expect(result).toHaveValue('line one\nline two, as alpha wants it\nline two, as beta wants it\nline three\n');
    // Edit by hand on top: the result is what lands.
    await result.fill('line one\nline two, as alpha and beta want it\nline three\n');
    await expect(betaDialog.getByRole('list', { name: 'Conflicted files' }).getByRole('button', { name: 'shared.txt, edited' })).toBeVisible();
    await betaDialog.getByRole('button', { name: 'Complete merge' }).click();
    await expect(betaDialog.getByRole('region', { name: 'Merge result' })).toContainText('Merged into main');
    expect(repo.git('show', 'main:shared.txt')).toBe('line one\nline two, as alpha and beta want it\nline three');
    // The user's checkout (on main, clean) followed the branch.
    expect(repo.git('status', '--porcelain')).toBe('');

    // Archive: the worktree goes, and so does the merged branch.
    const branch = repo.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/').split('\n').find((name) => name !== 'main' && name.toLowerCase().includes('beta'));
    const worktree = worktreesOf(repo)
      .map((entry) => entry.path)
      .find((path) => path !== repo.path && path.toLowerCase().includes('beta'));
    await betaDialog.getByRole('region', { name: 'Archive' }).getByRole('button', { name: 'Archive workspace' }).click();
    await expect.poll(() => (worktree ? existsSync(worktree) : false)).toBe(false);
    // The branch goes right after the worktree (the task, and with it the dialog, is gone by then).
    await expect.poll(() => repo.git('branch', '--list', branch ?? 'no-such-branch')).toBe('');
  });

  test('a newcomer merges an agent’s uncommitted work: Merge is enabled, the preview says what happens, every commit shown is in main', async ({ page, braid, repo }) => {
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Greeting', 'Write a greeting');
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    await expect(tasks.getByRole('button', { name: 'Greeting', exact: true })).toHaveAccessibleDescription('done');
    await tasks.getByRole('button', { name: 'Greeting', exact: true }).click();
    const view = page.getByRole('main', { name: 'Greeting' });
    // One status for the task, the agent's; the worktree is not mentioned while it is simply ready.
    await expect(view.getByRole('region', { name: 'Agent' })).toContainText('done');
    await expect(view.getByRole('term')).toHaveText(['Role', 'Branch', 'Workspace', 'Ports']);
    await view.getByRole('button', { name: 'Merge…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Merge Greeting' });
    const preview = dialog.getByRole('region', { name: 'Merge preview' });
    const branch = repo.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/braid/');
    await expect(preview).toContainText(
      `Includes 1 uncommitted file from the workspace; it will be committed to ${branch} as “Uncommitted changes from ${branch}” first.`,
    );
    await expect(preview).toContainText('Merges cleanly.');
    await expect(preview).not.toContainText('Cannot merge now');
    await expect(preview.getByRole('list', { name: 'Files that change' })).toContainText('greeting.txt');
    const previewed = (await preview.getByRole('list', { name: 'Commits that land' }).locator('.mono').allTextContents()).map((sha) => sha.trim());
    expect(previewed).toHaveLength(1);
    const merge = dialog.getByRole('button', { name: 'Merge', exact: true });
    await expect(merge).toBeEnabled();
    // Merge clicked just as the preview refreshes (the radar refreshes it on its own): the click
    // counts, since the merge is pinned to the commits shown. It used to be dropped (CI flake).
    await dialog.evaluate(async (element) => {
      const button = (name: string) => [...element.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === name);
      const refreshing = () => element.querySelector('section.merge-preview')?.getAttribute('aria-busy') === 'true';
      button('Refresh preview')?.click();
      // Clicked once the page shows the refresh under way (the same render would disable Merge).
      await new Promise<void>((resolve) => {
        if (refreshing()) return resolve();
        const observer = new MutationObserver(() => {
          if (!refreshing()) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(element, { attributes: true, subtree: true });
      });
      button('Merge')?.click();
    });

    const result = dialog.getByRole('region', { name: 'Merge result' });
    await expect(result).toContainText('Merged into main');
    expect(repo.git('show', 'main:greeting.txt')).toBe('hello from the agent');
    const landed = (await result.getByRole('list', { name: 'Commits that landed' }).locator('.mono').allTextContents()).map((sha) => sha.trim());
    expect(landed).toHaveLength(2);
    // Every id Braid showed, before and after, is in main's history now.
    for (const sha of [...previewed, ...landed]) expect(repo.git('merge-base', '--is-ancestor', sha, 'main')).toBe('');
    expect(repo.git('rev-parse', branch)).toBe(repo.git('rev-parse', previewed[0] ?? 'missing'));

    // The task's history says where the work went, not that there is none.
    await dialog.getByRole('button', { name: 'Close' }).click();
    await view.getByText('History and checkpoints').click();
    const history = view.getByRole('region', { name: 'History' });
    await expect(history).toContainText(new RegExp(`Merged into main at .+ \\(${repo.head().slice(0, 10)}\\); no new commits on ${branch} since\\.`));
    await expect(history).not.toContainText('No commits on');
  });

  test('one hunk of a modified file merges alone: the base gets that change and not the other', async ({ page, braid, repo }) => {
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Notes', 'Edit two places');
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    await expect(tasks.getByRole('button', { name: 'Notes', exact: true })).toHaveAccessibleDescription('done');
    await tasks.getByRole('button', { name: 'Notes', exact: true }).click();
    await page.getByRole('main', { name: 'Notes' }).getByRole('button', { name: 'Merge…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Merge Notes' });
    const preview = dialog.getByRole('region', { name: 'Merge preview' });
    // The agent's edits are uncommitted: include them, then choose among the hunks of notes.txt.
    await dialog.getByRole('checkbox', { name: /Include uncommitted changes/ }).check();
    const files = dialog.getByRole('group', { name: 'Files to merge' });
    await files.getByRole('button', { name: 'Choose hunks of notes.txt' }).click();
    const hunks = files.getByRole('group', { name: 'Hunks of notes.txt' });
    const first = hunks.getByRole('checkbox', { name: '-1,5 +1,5' });
    const second = hunks.getByRole('checkbox', { name: '-15,6 +15,6' });
    await expect(first).toBeChecked();
    await expect(second).toBeChecked();
    await expect(second).toHaveAccessibleDescription(/\+1 −1.*note eighteen, reworded/);
    await expect(preview.getByRole('list', { name: 'Files that change' })).toContainText('+2 −2');

    const mainBefore = repo.head();
    await second.uncheck();
    await expect(files.getByRole('checkbox', { name: 'notes.txt' })).toBeChecked({ indeterminate: true });
    await expect(hunks).toContainText('1 of 2 hunks chosen.');
    await expect(preview.getByRole('list', { name: 'Files that change' })).toContainText('+1 −1');
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect(dialog.getByRole('region', { name: 'Merge result' })).toContainText('Merged 1 selected file into main');

    // One new commit on main with exactly the chosen hunk: line 2 changed, line 18 as it was.
    expect(repo.git('rev-list', '--count', `${mainBefore}..main`)).toBe('1');
    expect(repo.git('diff', '--numstat', mainBefore, 'main')).toBe('1\t1\tnotes.txt');
    expect(repo.git('show', 'main:notes.txt')).toBe(notes({ 2: 'note two, reworded' }).trimEnd());
  });
});
