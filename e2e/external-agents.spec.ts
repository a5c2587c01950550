import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fixtureArgs, type FixtureScript } from '../src-main/testing/acp-fixture';
import { samplePlan } from '../src-main/testing/sample-plan';
import { expect, test, worktreesOf } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

/** First turn: a greeting (no edit); second turn: an edit that asks for permission. */
const script: FixtureScript = {
  turns: [
    [{ say: 'Hello, I am the fixture agent.' }],
    [{ say: 'Writing the file.' }, { edit: { path: 'hello.txt', content: 'hello from an ACP agent\n' } }, { say: 'Done.' }],
  ],
};

test('an external ACP agent edits a file in its worktree only after its permission card is approved', async ({ page, braid, repo }) => {
  const host = await braid.start();
  await page.goto(host.url);
  await addProject(page, repo.path);

  await createTask(page, basename(repo.path), 'Greeting file', 'Say hello', 'implement', [process.execPath, ...fixtureArgs(script)].join(' '));

  const view = page.getByRole('main', { name: 'Greeting file' });
  await expect(view.getByText('Hello, I am the fixture agent.', { exact: true })).toBeVisible();
  await expect(view.getByText('braid-fixture-agent 1.0.0 started a session')).toBeVisible();
  // An external agent uses its own model: the composer names the engine instead of a model picker.
  await expect(view.getByText(`Engine: ${basename(process.execPath)}`)).toBeVisible();

  // Ask mode, so the edit needs the user; then the next turn edits.
  await view.getByRole('combobox', { name: 'Permission mode' }).selectOption('ask');
  await view.getByRole('textbox', { name: 'Message' }).fill('Now write hello.txt');
  await view.getByRole('button', { name: 'Send' }).click();

  const call = view.getByRole('article', { name: 'edit call' });
  const card = call.getByRole('article', { name: 'Approval needed: write_file' });
  await expect(card).toBeVisible();
  await expect(call).toContainText('Write hello.txt');
  const worktree = worktreesOf(repo).find((tree) => tree.path !== repo.path)!.path;
  expect(existsSync(join(worktree, 'hello.txt'))).toBe(false);

  await card.getByRole('button', { name: 'Approve once' }).click();
  await expect(view.getByText('Done.', { exact: true })).toBeVisible();
  await expect(call).toContainText('done');
  expect(readFileSync(join(worktree, 'hello.txt'), 'utf8')).toBe('hello from an ACP agent\n');
  // The agent's reported change is on its card.
  await call.getByText('New file hello.txt').click();
  await expect(call.getByLabel('Changes in hello.txt')).toContainText('+ hello from an ACP agent');
});

test('a CLI without ACP runs in its own terminal, and the task says plainly there is no structured timeline', async ({ page, braid, repo }) => {
  const host = await braid.start();
  await page.goto(host.url);
  await addProject(page, repo.path);

  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: `New task in ${basename(repo.path)}` });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Own TUI');
  await dialog.getByRole('textbox', { name: 'Prompt' }).fill('tidy the README');
  await dialog.getByRole('combobox', { name: 'Engine' }).selectOption('A CLI in its own terminal (no ACP)…');
  await expect(dialog).toContainText('no structured timeline');
  await dialog.getByRole('textbox', { name: 'CLI command' }).fill(`/bin/sh -c 'echo "cli got: $1"; read answer' cli {prompt}`);
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog).toBeHidden();

  const view = page.getByRole('main', { name: 'Own TUI' });
  const bar = view.getByRole('region', { name: 'Terminal agent' });
  await expect(bar).toContainText('There is no structured timeline for it');
  await bar.getByRole('button', { name: 'Show its terminal' }).click();
  const panel = view.getByRole('tabpanel', { name: 'sh (agent)' });
  await expect(panel.locator('.xterm-rows')).toContainText('cli got: tidy the README');
  // Its status is its process's: it runs until it exits, and Stop ends it.
  await view.getByRole('tab', { name: 'Conversation' }).click();
  await bar.getByRole('button', { name: 'Stop' }).click();
  await expect(bar.getByRole('button', { name: 'Start again' })).toBeVisible();
});

test('the new-task dialog says, before submitting, when the engine cannot finish the task’s role', async ({ page, braid, repo }) => {
  const host = await braid.start();
  await page.goto(host.url);
  await addProject(page, repo.path);

  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: `New task in ${basename(repo.path)}` });
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Plan the nav');
  await dialog.getByRole('combobox', { name: 'Role' }).selectOption('plan');
  await dialog.getByRole('combobox', { name: 'Engine' }).selectOption('A CLI in its own terminal (no ACP)…');
  await dialog.getByRole('textbox', { name: 'CLI command' }).fill('aider --message {prompt}');
  await expect(dialog.getByRole('alert')).toContainText('cannot run a plan task: a plan task ends by handing in its plan (submit_plan)');
  await expect(dialog.getByRole('button', { name: 'Create task' })).toBeDisabled();

  // An ACP agent can (Braid gives it its tools): the warning goes and the task can be created.
  await dialog.getByRole('combobox', { name: 'Engine' }).selectOption('Other ACP command…');
  await expect(dialog.getByRole('alert')).toBeHidden();
  await expect(dialog.getByRole('button', { name: 'Create task' })).toBeEnabled();
});

test('an ACP agent running a plan task asks its question and hands in its plan with Braid’s tools: the question card and the plan card are Braid’s', async ({ page, braid, repo }) => {
  const planner: FixtureScript = {
    turns: [
      [
        { mcpCall: { tool: 'ask_user', args: { question: 'Where should the navigation live?', choices: ['Sidebar', 'Top bar'] } } },
        { mcpCall: { tool: 'submit_plan', args: samplePlan() } },
        { say: 'Submitted.' },
      ],
    ],
  };
  const host = await braid.start();
  await page.goto(host.url);
  await addProject(page, repo.path);

  await createTask(page, basename(repo.path), 'Plan the nav', 'Group the navigation', 'plan', [process.execPath, ...fixtureArgs(planner)].join(' '));

  const view = page.getByRole('main', { name: 'Plan the nav' });
  const conversation = view.getByRole('log', { name: 'Conversation' });
  const question = conversation.getByRole('article', { name: 'Question from the agent' });
  await expect(question).toContainText('Where should the navigation live?');
  await question.getByRole('button', { name: 'Sidebar' }).click();
  await expect(conversation.getByRole('article', { name: 'Question', exact: true })).toContainText('Your answer: Sidebar');

  const v1 = conversation.getByRole('article', { name: 'Plan v1' });
  await expect(v1).toContainText('awaiting approval');
  await expect(v1.getByRole('listitem', { name: 'S2. Mobile menu' })).toBeVisible();
  // The run ended at the gate, as Braid's own planner's does.
  await expect(view.getByText('Plan v1 awaits approval', { exact: true })).toBeVisible();
});
