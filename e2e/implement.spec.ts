import { basename } from 'node:path';
import { samplePlan, submitPlanTurn } from '../src-main/testing/sample-plan';
import type { RecordedRequest, ScriptedModelServer } from '../src-main/testing/scripted-model-server';
import { expect, test } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

type Body = { messages: { role: string; content: unknown }[] };
const firstUser = (request: RecordedRequest) => JSON.stringify((request.body as Body).messages.find((message) => message.role === 'user')?.content ?? '');
const answered = (request: RecordedRequest) => (request.body as Body).messages.some((message) => message.role === 'assistant');

/**
 * The planner submits the sample plan (S1 without a group, S2 in group "ui": two tasks by
 * default). The implementer of S1 also writes NOTES.md, which no step names; S2's builds the menu.
 */
function scriptAgents(server: ScriptedModelServer): void {
  server.script((request) => {
    const prompt = firstUser(request);
    if (prompt.includes('Implement step S1')) {
      if (answered(request)) return { text: 'The items are grouped.' };
      return {
        text: 'Grouping the items.',
        toolCalls: [
          { name: 'update_step', args: { stepId: 'S1', status: 'in_progress' } },
          { name: 'write_file', args: { path: 'src/nav.ts', content: 'export const groups = ["Work", "Play", "Settings"];\n' } },
          { name: 'write_file', args: { path: 'NOTES.md', content: 'Grouping notes\n' } },
          { name: 'update_step', args: { stepId: 'S1', status: 'done', note: 'Three groups' } },
        ],
      };
    }
    if (prompt.includes('Implement step S2')) {
      if (answered(request)) return { text: 'The menu collapses.' };
      return {
        text: 'Building the menu.',
        toolCalls: [
          { name: 'write_file', args: { path: 'src/menu/menu.ts', content: 'export const collapsible = true;\n' } },
          { name: 'update_step', args: { stepId: 'S2', status: 'done', note: 'Collapsible on phones' } },
        ],
      };
    }
    if (!answered(request)) return submitPlanTurn(samplePlan());
    return { text: 'Nothing more to do.' };
  });
}

test.describe('implementing a plan in web mode', () => {
  test.beforeEach(({ modelServer }) => scriptAgents(modelServer));

  test('approve → Implement with the default two tasks → both run → progress in the plan panel → ready for review with a summary and an unplanned file, marked in DiffLens', async ({ page, braid, repo }) => {
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Plan the navigation', 'Group the navigation into sections', 'plan');
    const tasks = page.getByRole('list', { name: `Tasks in ${projectName}` });
    await tasks.getByRole('button', { name: 'Plan the navigation', exact: true }).click();
    const planView = page.getByRole('main', { name: 'Plan the navigation' });
    const v1 = planView.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Plan v1' });
    await expect(v1).toContainText('awaiting approval');
    await v1.getByRole('button', { name: 'Approve' }).click();

    // The assignment editor, pre-filled with one task per parallel group; S2 depends on S1 across tasks.
    const panel = planView.getByRole('region', { name: 'Plan', exact: true });
    await panel.getByRole('button', { name: 'Implement v1…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Implement plan v1' });
    await expect(dialog.getByRole('list', { name: 'Steps of Task 1' }).getByRole('listitem')).toHaveAccessibleName('S1. Group the items');
    await expect(dialog.getByRole('list', { name: 'Steps of Task 2' }).getByRole('listitem')).toHaveAccessibleName('S2. Mobile menu');
    await expect(dialog.getByRole('region', { name: 'Dependencies across tasks' })).toContainText('S2 (task 2) depends on S1 (task 1)');
    // Moving S2 into task 1 leaves task 2 without steps: refused before anything is sent; moved back, it can start.
    await dialog.getByRole('combobox', { name: 'Move S2 to' }).selectOption('Task 1');
    await expect(dialog.getByRole('alert')).toHaveText('task 2 has no steps');
    await expect(dialog.getByRole('button', { name: 'Start 2 tasks' })).toBeDisabled();
    await dialog.getByRole('list', { name: 'Steps of Task 1' }).getByRole('combobox', { name: 'Move S2 to' }).selectOption('Task 2');
    await dialog.getByRole('button', { name: 'Start 2 tasks' }).click();
    await expect(dialog).toBeHidden();

    // Both tasks run; their steps show in the plan panel as the agents mark them.
    const progress = panel.getByRole('region', { name: 'Implementation' });
    const first = progress.getByRole('listitem', { name: 'Group the navigation — S1' });
    const second = progress.getByRole('listitem', { name: 'Group the navigation — S2' });
    await expect(first.getByRole('listitem', { name: 'S1. Group the items' })).toContainText('done');
    await expect(first.getByRole('listitem', { name: 'S1. Group the items' })).toContainText('Three groups');
    await expect(second.getByRole('listitem', { name: 'S2. Mobile menu' })).toContainText('done');
    await expect(progress).toContainText('Implementation: 2 of 2 steps done or skipped');
    await expect(first).toContainText('ready for review');
    const firstButton = tasks.getByRole('button', { name: 'Group the navigation — S1', exact: true });
    await expect(firstButton).toHaveAccessibleDescription('ready for review');
    await expect(tasks.getByRole('button', { name: 'Group the navigation — S2', exact: true })).toHaveAccessibleDescription('ready for review');

    // The task: its pinned plan version, its checklist, and the summary with the unplanned file.
    await first.getByRole('button', { name: 'Group the navigation — S1' }).click();
    const taskView = page.getByRole('main', { name: 'Group the navigation — S1' });
    const implementation = taskView.getByRole('region', { name: 'Implementation' });
    await expect(implementation.getByRole('button', { name: 'plan v1 of “Plan the navigation”' })).toBeVisible();
    await expect(implementation).toContainText('ready for review');
    await expect(implementation.getByRole('list', { name: 'Steps' }).getByRole('listitem', { name: 'S1. Group the items' })).toContainText('done');
    const summary = implementation.getByRole('region', { name: 'Summary' });
    await expect(summary).toContainText('Steps: 1 done, 0 skipped.');
    await expect(summary.getByRole('group', { name: 'Files changed' })).toContainText('Files changed: 2');
    await expect(summary.getByRole('region', { name: 'Unplanned changes' }).getByRole('listitem', { name: 'NOTES.md' })).toContainText('no step of the plan names it');
    await expect(implementation).toContainText('Other tasks implement S2 (“Group the navigation — S2”).');

    // DiffLens marks the unplanned file and lists it for the review.
    await taskView.getByRole('button', { name: /^Review changes/ }).click();
    const pane = page.getByRole('region', { name: 'Changes of Group the navigation — S1' });
    const files = pane.getByRole('list', { name: 'Changed files' });
    await expect(files.getByRole('button', { name: 'NOTES.md' })).toHaveAccessibleDescription(/unplanned$/);
    await expect(files.getByRole('button', { name: 'src/nav.ts' })).not.toHaveAccessibleDescription(/unplanned/);
    await expect(pane.getByRole('region', { name: 'Unplanned changes' })).toContainText('NOTES.md');

    // The link back to the plan task.
    await page.getByRole('button', { name: 'Close review' }).click();
    await taskView.getByRole('button', { name: 'plan v1 of “Plan the navigation”' }).click();
    await expect(page.getByRole('main', { name: 'Plan the navigation' })).toBeVisible();
  });
});
