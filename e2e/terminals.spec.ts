import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { FixtureRepo } from '../src-main/testing/git-fixtures';
import { uniqueSleepCommand } from '../src-main/testing/host-processes';
import { expect, test, type BraidHosts } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

test.describe('terminals', () => {
  const sleeps: ReturnType<typeof uniqueSleepCommand>[] = [];

  test.afterEach(() => {
    for (const sleep of sleeps.splice(0)) sleep.kill();
  });

  /** What the terminal's screen shows (xterm's DOM renderer draws rows as text). */
  const screenOf = (panel: Locator) => panel.locator('.xterm-rows');

  async function openTask(
    { page, braid, repo }: { page: Page; braid: BraidHosts; repo: FixtureRepo },
    title: string,
    { prompt = '', model = false } = {},
  ): Promise<{ taskView: Locator; select(): Promise<void> }> {
    const host = await braid.start({ model });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, title, prompt);
    const select = () => page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: title, exact: true }).click();
    await select();
    return { taskView: page.getByRole('main', { name: title }), select };
  }

  /** A task with one terminal open and focused, its shell's prompt shown; its tab panel. */
  async function openShell(fixtures: { page: Page; braid: BraidHosts; repo: FixtureRepo }, title: string): Promise<Locator> {
    const { taskView } = await openTask(fixtures, title);
    await taskView.getByRole('button', { name: 'New terminal' }).click();
    const panel = taskView.getByRole('tabpanel', { name: 'Terminal 1' });
    await expect(screenOf(panel)).toHaveText(/\S/);
    await panel.locator('.xterm').click();
    return panel;
  }

  test('a shell in the worktree runs a command, its output stays after a reload, and closing it ends what it started', async ({ page, braid, repo }) => {
    const sleep = uniqueSleepCommand();
    sleeps.push(sleep);
    const { taskView, select } = await openTask({ page, braid, repo }, 'Shell work');

    await taskView.getByRole('button', { name: 'New terminal' }).click();
    const tab = taskView.getByRole('tab', { name: 'Terminal 1' });
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    const panel = taskView.getByRole('tabpanel', { name: 'Terminal 1' });
    // The shell's prompt, whatever the user's profile makes it.
    await expect(screenOf(panel)).toHaveText(/\S/);

    // Typed into xterm: the shell runs in the worktree and prints in colour.
    await panel.locator('.xterm').click();
    await page.keyboard.type(`printf '\\033[32m%s\\033[0m\\n' "sum=$((20+22)) in $(basename "$PWD")"; ${sleep.command} &\n`);
    await expect(screenOf(panel)).toContainText(/sum=42 in shell-work-\w+/);
    await expect(panel.locator('.xterm-rows span', { hasText: 'sum=42' }).first()).toHaveClass(/xterm-fg-2/);
    await expect.poll(() => sleep.running().length).toBe(1);

    await page.reload();
    await select();
    const reloaded = page.getByRole('main', { name: 'Shell work' });
    await reloaded.getByRole('tab', { name: 'Terminal 1' }).click();
    const panelAgain = reloaded.getByRole('tabpanel', { name: 'Terminal 1' });
    await expect(screenOf(panelAgain)).toContainText(/sum=42 in shell-work-\w+/);
    // Still the same live shell: it answers after the reload.
    await panelAgain.locator('.xterm').click();
    await page.keyboard.type('echo again-$((6*7))\n');
    await expect(screenOf(panelAgain)).toContainText('again-42');

    // A second terminal takes the screen; Terminal 1, shown again, comes back from the host's copy.
    await reloaded.getByRole('button', { name: 'New terminal' }).click();
    await expect(reloaded.getByRole('tab', { name: 'Terminal 2' })).toHaveAttribute('aria-selected', 'true');
    await expect(screenOf(reloaded.getByRole('tabpanel', { name: 'Terminal 2' }))).toHaveText(/\S/);
    await reloaded.getByRole('tab', { name: 'Terminal 1' }).click();
    await expect(screenOf(panelAgain)).toContainText('again-42');

    await panelAgain.getByRole('button', { name: 'Close Terminal 1' }).click();
    await expect(reloaded.getByRole('tab', { name: 'Terminal 1' })).toBeHidden();
    await expect(reloaded.getByRole('tab', { name: 'Conversation' })).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => sleep.running()).toEqual([]);
  });

  test('a flood ends with its last line on screen and the scrollbar at the bottom; scrolling back shows the lines before', async ({ page, braid, repo }) => {
    const panel = await openShell({ page, braid, repo }, 'Flood');
    // 1.3 MB: batches of several writes, drawn once each, the scrollbar brought up to date with them.
    await page.keyboard.type('seq 1 200000; echo "flood-$((1+1))"\n');
    await expect(screenOf(panel)).toContainText('flood-2');
    await expect(screenOf(panel)).toContainText('200000');
    const scrollbar = panel.locator('.xterm-scrollable-element > .scrollbar.vertical');
    const slider = scrollbar.locator('.slider');
    // Scrollback full (10,000 lines): a slider at its smallest, at the bottom of its track.
    await expect
      .poll(async () => {
        const [track, thumb] = await Promise.all([scrollbar.boundingBox(), slider.boundingBox()]);
        return track && thumb ? { small: thumb.height < track.height / 4, atBottom: Math.abs(thumb.y + thumb.height - (track.y + track.height)) <= 2 } : null;
      })
      .toEqual({ small: true, atBottom: true });
    await panel.locator('.xterm-screen').hover();
    await page.mouse.wheel(0, -2_000);
    await expect(screenOf(panel)).not.toContainText('flood-2');
    await expect(screenOf(panel)).toContainText(/19\d{4}/);
  });

  test('text selected in a terminal is highlighted while output scrolls it, and the highlight goes when the selection does', async ({ page, braid, repo }) => {
    const panel = await openShell({ page, braid, repo }, 'Select');
    // Output that waits for the test's signal: typing would clear the selection.
    const go = join(mkdtempSync(join(tmpdir(), 'braid-e2e-select-')), 'go');
    const waitThenPrint = (marker: string) => `while [ ! -e ${go} ]; do sleep 0.05; done; rm ${go}; seq 1 5; echo ${marker}-$((1+1))`;
    await page.keyboard.type(`seq 1 40; echo pick-me-$((40+2)); ${waitThenPrint('scrolled')}; ${waitThenPrint('after')}\n`);
    await expect(screenOf(panel)).toContainText('pick-me-42');
    const highlight = panel.locator('.xterm-selection div');
    await expect(highlight).toHaveCount(0);
    // A double click selects the word: highlighted.
    // Measured once the row holding it stands still (a redraw replaces its spans).
    const wordBox = () => panel.locator('.xterm-rows span', { hasText: 'pick-me-42' }).last().boundingBox();
    await expect.poll(wordBox).not.toBeNull();
    const word = await wordBox();
    if (!word) throw new Error('the word is not on screen');
    await page.mouse.dblclick(word.x + word.width / 2, word.y + word.height / 2);
    await expect(highlight).not.toHaveCount(0);
    const highlightAt = async () => (await highlight.first().boundingBox())?.y ?? null;
    const before = await highlightAt();
    // Output scrolls it up: still highlighted, higher up (the selection moves with its text).
    writeFileSync(go, '');
    await expect(screenOf(panel)).toContainText('scrolled-2');
    await expect.poll(highlightAt).toBeLessThan(before ?? 0);
    // A click elsewhere clears it: the highlight goes, and stays gone while output scrolls.
    await panel.locator('.xterm-screen').click({ position: { x: 5, y: 5 } });
    await expect(highlight).toHaveCount(0);
    writeFileSync(go, '');
    await expect(screenOf(panel)).toContainText('after-2');
    await expect(highlight).toHaveCount(0);
  });

  test('the agent’s command streams into its card in colour while it runs', async ({ page, braid, repo, modelServer: server }) => {
    const sleep = uniqueSleepCommand();
    sleeps.push(sleep);
    const command = `printf '\\033[1;32mPASS\\033[0m %s\\n' unit-tests; printf 'progress 10%%\\rprogress 100%%\\n'; ${sleep.command}`;
    server.enqueue({ text: 'Running the tests.', toolCalls: [{ id: 'call_tests', name: 'run_command', args: { command } }] }, { text: 'Stopped.' });
    const { taskView } = await openTask({ page, braid, repo }, 'Tests', { prompt: 'Run the tests', model: true });
    await taskView.getByRole('article', { name: 'Approval needed: run_command' }).getByRole('button', { name: 'Approve once' }).click();

    const output = taskView.getByRole('article', { name: 'run_command call' }).getByLabel('Output of run_command');
    await expect(output).toHaveText('PASS unit-tests\nprogress 100%');
    await expect(output.getByText('PASS', { exact: true })).toHaveCSS('color', 'rgb(95, 183, 96)');
    await expect(output.getByText('PASS', { exact: true })).toHaveCSS('font-weight', '700');
    await taskView.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => sleep.running()).toEqual([]);
  });
});
