import { basename } from 'node:path';
import { revisedSamplePlan, samplePlan, submitPlanTurn } from '../src-main/testing/sample-plan';
import type { ScriptedModelServer } from '../src-main/testing/scripted-model-server';
import { expect, test } from './fixtures/braid-test';
import { addProject, createTask } from './fixtures/ui-steps';

type Body = { messages: { role: string; content: unknown }[] };

/**
 * The planning agent: asks where the navigation goes, then submits v1; after feedback that
 * mentions a drawer, submits v2.
 */
function scriptPlanner(server: ScriptedModelServer): void {
  server.script((request) => {
    const messages = (request.body as Body).messages.filter((message) => message.role !== 'system');
    const last = messages.at(-1);
    const lastText = JSON.stringify(last?.content ?? '');
    if (last?.role === 'user' && lastText.includes('drawer')) return submitPlanTurn(revisedSamplePlan());
    if (last?.role === 'tool' && lastText.includes('The user answered')) return submitPlanTurn(samplePlan());
    if (messages.length === 1) {
      return { text: 'One question before I plan.', toolCalls: [{ name: 'ask_user', args: { question: 'Where should the navigation live?', choices: ['Sidebar', 'Top bar'] } }] };
    }
    return { text: 'Nothing more to do.' };
  });
}

test.describe('plans in web mode', () => {
  test.beforeEach(({ modelServer }) => scriptPlanner(modelServer));

  test('goal → question → plan card → changes requested on a step → v2 → diff between versions → approved', async ({ page, braid, repo, modelServer: server }) => {
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Plan the navigation', 'Group the navigation into sections', 'plan');

    const taskButton = page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Plan the navigation', exact: true });
    await expect(taskButton).toHaveAccessibleDescription('question');
    await taskButton.click();
    const view = page.getByRole('main', { name: 'Plan the navigation' });
    const conversation = view.getByRole('log', { name: 'Conversation' });

    // The agent's question: a choice answers it.
    const question = conversation.getByRole('article', { name: 'Question from the agent' });
    await expect(question).toContainText('Where should the navigation live?');
    await question.getByRole('button', { name: 'Sidebar' }).click();
    await expect(conversation.getByRole('article', { name: 'Question', exact: true })).toContainText('Your answer: Sidebar');

    // v1 arrives as a card, and the task waits at the gate.
    const v1 = conversation.getByRole('article', { name: 'Plan v1' });
    await expect(v1).toContainText('awaiting approval');
    await expect(v1).toContainText('Group the navigation');
    await expect(v1.getByRole('listitem', { name: 'S2. Mobile menu' })).toBeVisible();
    await expect(taskButton).toHaveAccessibleDescription('plan awaiting approval');

    // Request changes from the card: the Plan panel opens for comments on single steps.
    await v1.getByRole('button', { name: 'Request changes' }).click();
    const panel = view.getByRole('region', { name: 'Plan', exact: true });
    const step = panel.getByRole('article', { name: 'Plan v1' }).getByRole('listitem', { name: 'S2. Mobile menu' });
    await step.getByRole('button', { name: 'Comment on S2' }).click();
    await step.getByRole('textbox', { name: 'Comment on S2' }).fill('Make it a drawer that slides in from the left.');
    await step.getByRole('button', { name: 'Add comment' }).click();
    const request = panel.getByRole('region', { name: 'Request changes to plan v1' });
    await request.getByRole('textbox', { name: 'Message to the agent' }).fill('Use a drawer instead of a collapsible menu.');
    await request.getByRole('button', { name: 'Send to agent (1 comment)' }).click();

    // The agent revised it into v2; v1 says changes were requested.
    const v2 = conversation.getByRole('article', { name: 'Plan v2' });
    await expect(v2).toContainText('awaiting approval');
    await expect(v2.getByRole('listitem', { name: 'S2. Mobile drawer' })).toBeVisible();
    await expect(v1).toContainText('changes requested');
    const feedback = JSON.stringify(server.requests.at(-1)?.body);
    expect(feedback).toContain('Use a drawer instead of a collapsible menu.');
    expect(feedback).toContain('On step S2:\\n> S2. Mobile menu');
    expect(feedback).toContain('Make it a drawer that slides in from the left.');

    // The text diff between the versions.
    await panel.getByRole('tab', { name: 'Changes' }).click();
    const diff = panel.getByRole('region', { name: 'Changes between versions' });
    await expect(diff.getByLabel('Unified diff')).toContainText('-### S2. Mobile menu');
    await expect(diff.getByLabel('Unified diff')).toContainText('+### S2. Mobile drawer');
    await expect(diff.getByLabel('Unified diff')).toContainText('+### S3. Test the groups');

    // Approve v2 on its card: the task is done, and v2 is the approved plan.
    await v2.getByRole('button', { name: 'Approve' }).click();
    await expect(v2).toContainText('approved');
    await expect(taskButton).toHaveAccessibleDescription('done');
    await expect(conversation).toContainText('You approved plan v2.');
    await expect(panel).toContainText('v2');
    await expect(panel.getByRole('region', { name: 'Save to repository' })).toBeVisible();
  });

  test('edit then approve: the host’s problem shows at its field, the fixed plan becomes v2 by you, approved; saved to the repository', async ({ page, braid, repo }) => {
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);
    await createTask(page, projectName, 'Plan the menu', 'Group the navigation into sections', 'plan');
    const taskButton = page.getByRole('list', { name: `Tasks in ${projectName}` }).getByRole('button', { name: 'Plan the menu', exact: true });
    await taskButton.click();
    const view = page.getByRole('main', { name: 'Plan the menu' });
    const conversation = view.getByRole('log', { name: 'Conversation' });
    await conversation.getByRole('article', { name: 'Question from the agent' }).getByRole('textbox', { name: 'Or answer in your own words' }).fill('In a sidebar');
    await page.keyboard.press('Enter');
    const v1 = conversation.getByRole('article', { name: 'Plan v1' });
    await expect(v1).toContainText('awaiting approval');

    await v1.getByRole('button', { name: 'Edit' }).click();
    const editor = view.getByRole('form', { name: 'Edit plan v1' });
    const criterion = editor.getByRole('group', { name: 'Criterion AC2' });
    await criterion.getByRole('textbox', { name: 'Verify (a command, or "manual")' }).fill('');
    await editor.getByRole('group', { name: 'Step S2' }).getByRole('textbox', { name: 'Title' }).fill('Mobile drawer');
    await editor.getByRole('button', { name: 'Save and approve' }).click();
    // The host's word, next to the field it is about; nothing was stored.
    await expect(criterion.getByRole('alert')).toHaveText('must not be empty');
    await expect(criterion.getByRole('textbox', { name: 'Verify (a command, or "manual")' })).toHaveAttribute('aria-invalid', 'true');
    await criterion.getByRole('textbox', { name: 'Verify (a command, or "manual")' }).fill('manual');
    await editor.getByRole('button', { name: 'Save and approve' }).click();

    const v2 = conversation.getByRole('article', { name: 'Plan v2' });
    await expect(v2).toContainText('approved');
    await expect(v2).toContainText('by you');
    await expect(v2.getByRole('listitem', { name: 'S2. Mobile drawer' })).toBeVisible();
    await expect(v1).toContainText('superseded');
    await expect(taskButton).toHaveAccessibleDescription('done');

    // Saved into the task's own workspace as one commit.
    const save = view.getByRole('region', { name: 'Save to repository' });
    await save.getByRole('button', { name: 'Commit plan' }).click();
    await expect(save.getByRole('status')).toContainText('Committed docs/plans/group-the-navigation.md as');
    const branch = repo.git('for-each-ref', '--format=%(refname:short)', 'refs/heads/braid/');
    expect(repo.git('show', `${branch}:docs/plans/group-the-navigation.md`)).toContain('### S2. Mobile drawer');
  });
});

