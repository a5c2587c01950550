import { basename } from 'node:path';
import type { RecordedRequest, ScriptedModelServer, ScriptedTurn } from '../src-main/testing/scripted-model-server';
import { expect, test } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

type Body = { messages: { role: string; content: unknown }[] };
const systemOf = (request: RecordedRequest) => JSON.stringify((request.body as Body).messages.find((message) => message.role === 'system')?.content ?? '');
const lastMessage = (request: RecordedRequest) => (request.body as Body).messages.at(-1);
const lastUser = (request: RecordedRequest) => JSON.stringify((request.body as Body).messages.filter((message) => message.role === 'user').at(-1)?.content ?? '');

const buggy = "export function greet(name: string): string {\n  return 'Hello ' + nme;\n}\n";
const fixed = "export function greet(name: string): string {\n  return 'Hello ' + name;\n}\n";
const findingTitle = 'greet() returns an undefined name';

/**
 * The implementer writes src/greet.ts with a bug, and fixes the line when a finding is sent to
 * it. The reviewer reports a P1 at line 2; asked to review again, it says that finding (its id
 * read from its instructions) is fixed.
 */
function scriptAgents(server: ScriptedModelServer): void {
  server.script((request): ScriptedTurn | undefined => {
    const last = lastMessage(request);
    if (last?.role !== 'user') return { text: 'Done.' };
    const user = lastUser(request);
    if (systemOf(request).includes('You review the work of the task')) {
      if (user.includes('Review the work again')) {
        const earlier = /- (\w+) \[P1/.exec(systemOf(request))?.[1];
        return { text: 'Checking the earlier finding.', toolCalls: [{ name: 'submit_review', args: { verdict: 'correct', explanation: 'The greeting uses the name now.', confidence: 0.95, findings: [], resolved: [{ findingId: earlier, fixed: true }] } }] };
      }
      return {
        text: 'The greeting throws.',
        toolCalls: [
          {
            name: 'submit_review',
            args: {
              verdict: 'incorrect',
              explanation: 'greet() names a variable that does not exist.',
              confidence: 0.9,
              findings: [{ title: findingTitle, priority: 'P1', confidence: 0.9, file: 'src/greet.ts', lineStart: 2, lineEnd: 2, body: '`nme` is not defined: every greeting throws.', suggestedFix: "return 'Hello ' + name;" }],
            },
          },
        ],
      };
    }
    if (user.includes('A review of your work found')) return { text: 'Fixing the name.', toolCalls: [{ name: 'write_file', args: { path: 'src/greet.ts', content: fixed } }] };
    return { text: 'Writing the greeting.', toolCalls: [{ name: 'write_file', args: { path: 'src/greet.ts', content: buggy } }] };
  });
}

test.describe('the review role in web mode', () => {
  test.beforeEach(({ modelServer }) => scriptAgents(modelServer));

  test('a review’s P1 shows at its line in DiffLens, is sent back and fixed; the blocking gate holds the merge until a clean re-review', async ({ page, braid, repo }) => {
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);

    // The project's review gate: block.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('tab', { name: 'Review' }).click();
    await settings.getByRole('radio', { name: /^Block/ }).check();
    await expect(settings.getByRole('status')).toHaveText('Saved: the review gate is block.');
    await settings.getByRole('button', { name: 'Close' }).click();

    await createTask(page, projectName, 'Greeting', 'Add a greet(name) function in src/greet.ts');
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    await expect(tasks.getByRole('button', { name: 'Greeting', exact: true })).toHaveAccessibleDescription('done');
    await tasks.getByRole('button', { name: 'Greeting', exact: true }).click();
    const implementView = page.getByRole('main', { name: 'Greeting' });
    await implementView.getByRole('button', { name: 'Start review' }).click();

    // The review task, on the same workspace; its review card in the conversation.
    const reviewView = page.getByRole('main', { name: 'Review: Greeting' });
    await expect(reviewView.getByRole('list', { name: 'Tasks sharing this workspace' })).toContainText('Greeting (the task reviewed)');
    const v1 = reviewView.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Review v1' });
    await expect(v1).toContainText('Review v1: incorrect');
    await expect(v1).toContainText(findingTitle);
    await expect(reviewView.getByRole('region', { name: 'Reviews' }).getByRole('status', { name: 'Review gate' })).toContainText('Blocked by the review gate: 1 open P1 finding');

    // DiffLens on the reviewed task: the finding at its line, marked in the editor.
    await tasks.getByRole('button', { name: 'Greeting', exact: true }).click();
    await implementView.getByRole('button', { name: /^Review changes/ }).click();
    const pane = page.getByRole('region', { name: 'Changes of Greeting' });
    await pane.getByRole('list', { name: 'Changed files' }).getByRole('button', { name: 'src/greet.ts' }).click();
    const fileFindings = pane.getByRole('region', { name: 'Findings in src/greet.ts' });
    await expect(fileFindings.getByRole('listitem', { name: `P1 at line 2: ${findingTitle}` })).toContainText('open');
    // The editor marks line 2 with the finding's own mark (a new file: shown as its one side).
    await expect(pane.getByRole('region', { name: 'Diff of src/greet.ts' }).locator('.review-finding-glyph--p1')).toHaveCount(1);

    // Sent to the implementer, who changes that line: likely addressed.
    const findings = pane.getByRole('complementary', { name: 'Review notes' }).getByRole('region', { name: 'Findings', exact: true });
    await findings.getByRole('checkbox', { name: `Send “${findingTitle}”` }).check();
    await findings.getByRole('button', { name: 'Send 1 to implementer' }).click();
    await expect(findings.getByRole('status')).toContainText('Sent 1 finding to the implementer');
    await expect(findings.getByRole('article', { name: `Finding: ${findingTitle}` })).toContainText('likely addressed');

    // The gate still blocks: "likely addressed" is not fixed.
    await page.getByRole('button', { name: 'Close review' }).click();
    await expect(tasks.getByRole('button', { name: 'Greeting', exact: true })).toHaveAccessibleDescription('done');
    await implementView.getByRole('button', { name: 'Merge…' }).click();
    let dialog = page.getByRole('dialog', { name: 'Merge Greeting' });
    const gate = dialog.getByRole('region', { name: 'Review gate' });
    await expect(gate).toContainText('Blocked by the review gate: 1 open P1 finding');
    await expect(dialog.getByRole('button', { name: 'Merge anyway' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Review again: the new version says the finding is fixed; the gate is clear and the merge goes through.
    await implementView.getByRole('button', { name: 'Review again' }).click();
    const v2 = reviewView.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Review v2' });
    await expect(v2).toContainText('Review v2: correct');
    await expect(v2).toContainText('1 earlier finding fixed');
    await expect(reviewView.getByRole('region', { name: 'Reviews' }).getByRole('article', { name: `Finding: ${findingTitle}` })).toContainText('fixed');

    await tasks.getByRole('button', { name: 'Greeting', exact: true }).click();
    await implementView.getByRole('button', { name: 'Merge…' }).click();
    dialog = page.getByRole('dialog', { name: 'Merge Greeting' });
    await expect(dialog.getByRole('region', { name: 'Merge preview' })).toContainText('Merges cleanly.');
    await expect(dialog.getByRole('region', { name: 'Review gate' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect(dialog.getByRole('region', { name: 'Merge result' })).toContainText('Merged into main');
    expect(repo.git('show', 'main:src/greet.ts')).toBe(fixed.trimEnd());
  });

  test('deleting a task whose workspace a review shares names the review first; confirmed, both go', async ({ page, braid, repo }) => {
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Greeting', 'Add a greet(name) function in src/greet.ts');
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    await expect(tasks.getByRole('button', { name: 'Greeting', exact: true })).toHaveAccessibleDescription('done');
    await tasks.getByRole('button', { name: 'Greeting', exact: true }).click();
    const implementView = page.getByRole('main', { name: 'Greeting' });
    await implementView.getByRole('button', { name: 'Start review' }).click();
    await expect(tasks.getByRole('button', { name: 'Review: Greeting', exact: true })).toHaveAccessibleDescription(/^done/);

    await tasks.getByRole('button', { name: 'Greeting', exact: true }).click();
    await expect(implementView.getByRole('list', { name: 'Tasks sharing this workspace' })).toContainText('Review: Greeting (reviews this work)');
    await implementView.getByRole('button', { name: 'Delete task' }).click();
    const shared = page.getByRole('alertdialog', { name: 'Delete the task and the tasks sharing its workspace?' });
    await expect(shared.getByRole('list', { name: 'Tasks sharing the workspace' })).toHaveText('Review: Greeting (review)');
    await shared.getByRole('button', { name: 'Delete 2 tasks' }).click();
    // Then the work the workspace holds (the agent's uncommitted file), as for any delete.
    const atRisk = page.getByRole('alertdialog', { name: 'Delete task and lose its work?' });
    await expect(atRisk.getByRole('list', { name: 'Uncommitted files' })).toContainText('src/greet.ts');
    await atRisk.getByRole('button', { name: 'Delete anyway' }).click();
    await expect(tasks.getByRole('button')).toHaveCount(0);
  });
});
