import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { drawerFindingTitle, fixedDrawer, pipelineRepoFiles, scriptPipelineAgents } from '../src-main/testing/pipeline-agents';
import { expect, test } from './fixtures/braid-test';
import { addProject } from './fixtures/ui-steps';

const title = 'Group the navigation into sections';
const navTask = 'Group the navigation — S1, S3';
const drawerTask = 'Group the navigation — S2';

test.describe('a pipeline in web mode', () => {
  test.use({ repoFiles: pipelineRepoFiles });

  test('goal → plan card → changes requested on a step → v2 approved → two implement tasks in parallel → a P1 at its line in DiffLens, sent back → clean re-review → both merged → every stage done → the audit export holds the merges', async ({ page, braid, repo, modelServer }) => {
    // The implementers' first answers wait until the UI has shown both working at once.
    let release!: () => void;
    scriptPipelineAgents(modelServer, new Promise<void>((resolve) => (release = resolve)));
    const host = await braid.start({ model: true });
    await page.goto(host.url);
    const projectName = basename(repo.path);
    await addProject(page, repo.path);

    // The goal.
    await page.getByRole('navigation', { name: 'Projects' }).getByRole('button', { name: projectName, exact: true }).click();
    await page.getByRole('main', { name: projectName }).getByRole('button', { name: 'New pipeline' }).click();
    const dialog = page.getByRole('dialog', { name: `New pipeline in ${projectName}` });
    await expect(dialog.getByLabel('Gates of this project')).toContainText('Gates: plan approval; the review gate warns about open P0/P1 findings');
    await dialog.getByRole('textbox', { name: 'Goal' }).fill(title);
    await dialog.getByRole('button', { name: 'Start pipeline' }).click();
    await expect(dialog).toBeHidden();

    // The pipeline's view, and its group in the sidebar.
    const view = page.getByRole('main', { name: title });
    const stages = view.getByRole('list', { name: 'Stages' });
    const plan = stages.getByRole('region', { name: 'Plan' }).getByRole('article', { name: `Plan: ${title}` });
    await expect(plan).toContainText('Plan v1 awaits your approval.');
    await expect(plan).toContainText('needs you');
    const group = page.getByRole('list', { name: `Tasks of pipeline ${title}` });
    await expect(group.getByRole('button', { name: `Plan: ${title}`, exact: true })).toHaveAccessibleDescription('plan awaiting approval');
    await expect(page.getByRole('button', { name: `Pipeline: ${title}` })).toHaveAccessibleDescription('pipeline · planning · needs you');

    // The plan card: changes requested on S2, v2, approved.
    await plan.getByRole('button', { name: 'Open plan v1' }).click();
    const planView = page.getByRole('main', { name: `Plan: ${title}` });
    const conversation = planView.getByRole('log', { name: 'Conversation' });
    const v1 = conversation.getByRole('article', { name: 'Plan v1' });
    await v1.getByRole('button', { name: 'Request changes' }).click();
    const panel = planView.getByRole('region', { name: 'Plan', exact: true });
    const step = panel.getByRole('article', { name: 'Plan v1' }).getByRole('listitem', { name: 'S2. Mobile menu' });
    await step.getByRole('button', { name: 'Comment on S2' }).click();
    await step.getByRole('textbox', { name: 'Comment on S2' }).fill('Make it a drawer that slides in from the left.');
    await step.getByRole('button', { name: 'Add comment' }).click();
    const requestChanges = panel.getByRole('region', { name: 'Request changes to plan v1' });
    await requestChanges.getByRole('textbox', { name: 'Message to the agent' }).fill('Use a drawer instead of a collapsible menu.');
    await requestChanges.getByRole('button', { name: 'Send to agent (1 comment)' }).click();
    const v2 = conversation.getByRole('article', { name: 'Plan v2' });
    await expect(v2).toContainText('awaiting approval');
    await v2.getByRole('button', { name: 'Approve' }).click();
    await expect(v2).toContainText('approved');

    // Approving made the two implement tasks; both work at the same time.
    await page.getByRole('button', { name: `Pipeline: ${title}` }).click();
    const implement = stages.getByRole('region', { name: 'Implement' });
    await expect(implement.getByRole('article')).toHaveCount(2);
    await expect(group.getByRole('button', { name: navTask, exact: true })).toHaveAccessibleDescription('running');
    await expect(group.getByRole('button', { name: drawerTask, exact: true })).toHaveAccessibleDescription('running');
    await expect(implement.getByRole('article', { name: navTask })).toContainText('working');
    await expect(implement.getByRole('article', { name: drawerTask })).toContainText('working');
    await expect(implement.getByRole('article', { name: drawerTask })).toContainText('started by Braid');
    release();

    // Each is reviewed by itself; the drawer's review finds a P1.
    const reviews = stages.getByRole('region', { name: 'Review' });
    const drawerReview = reviews.getByRole('article', { name: `Review of ${drawerTask}` });
    await expect(drawerReview).toContainText('v1 incorrect');
    await expect(drawerReview.getByRole('list', { name: `Findings on ${drawerTask}` })).toContainText(drawerFindingTitle);
    await expect(reviews.getByRole('article', { name: `Review of ${navTask}` })).toContainText('v1 correct');
    await expect(implement.getByRole('article', { name: navTask })).toContainText('1 of 2 done, 1 skipped');

    // The finding at its line in DiffLens; sent back to the implementer.
    await drawerReview.getByRole('button', { name: 'Show findings in DiffLens (1 open)' }).click();
    const pane = page.getByRole('region', { name: `Changes of ${drawerTask}` });
    const fileFindings = pane.getByRole('region', { name: 'Findings in src/menu/drawer.ts' });
    await expect(fileFindings.getByRole('listitem', { name: `P1 at line 2: ${drawerFindingTitle}` })).toContainText('open');
    await expect(pane.getByRole('region', { name: 'Diff of src/menu/drawer.ts' }).locator('.review-finding-glyph--p1')).toHaveCount(1);
    const findings = pane.getByRole('complementary', { name: 'Review notes' }).getByRole('region', { name: 'Findings', exact: true });
    await findings.getByRole('checkbox', { name: `Send “${drawerFindingTitle}”` }).check();
    await findings.getByRole('button', { name: 'Send 1 to implementer' }).click();
    await expect(findings.getByRole('status')).toContainText('Sent 1 finding to the implementer');

    // The implementer changes that line; the pipeline reviews again by itself, and the finding is fixed.
    await page.getByRole('button', { name: 'Close review' }).click();
    await page.getByRole('button', { name: `Pipeline: ${title}` }).click();
    await expect(drawerReview).toContainText('v2 correct');
    await expect(drawerReview.getByRole('list', { name: `Findings on ${drawerTask}` })).toContainText('fixed');

    // Both merge from the pipeline view.
    const merged = stages.getByRole('region', { name: 'Merged' });
    for (const task of [drawerTask, navTask]) {
      await merged.getByRole('article', { name: `Merge of ${task}` }).getByRole('button', { name: 'Merge…' }).click();
      const mergeDialog = page.getByRole('dialog', { name: `Merge ${task}` });
      await expect(mergeDialog.getByRole('region', { name: 'Merge preview' })).toContainText('Merges cleanly.');
      await mergeDialog.getByRole('button', { name: 'Merge', exact: true }).click();
      await expect(mergeDialog.getByRole('region', { name: 'Merge result' })).toContainText('Merged into main');
      await mergeDialog.getByRole('button', { name: 'Close' }).click();
      await expect(merged.getByRole('article', { name: `Merge of ${task}` })).toContainText('Merged into main');
    }
    expect(repo.git('show', 'main:src/menu/drawer.ts')).toBe(fixedDrawer.trimEnd());

    // Every stage done.
    await expect(view.getByRole('status').filter({ hasText: 'Stage:' })).toHaveText('Stage: done');
    await expect(stages.getByRole('article')).toHaveCount(7);
    for (const card of await stages.getByRole('article').all()) await expect(card.locator('.stage-state')).toHaveText('done');
    await expect(page.getByRole('button', { name: `Pipeline: ${title}` })).toHaveAccessibleDescription('pipeline · done');

    // The pipeline's audit trail, exported: it holds both merges.
    await view.getByRole('tab', { name: 'Audit' }).click();
    const audit = view.getByRole('region', { name: 'Audit trail' });
    await expect(audit.getByRole('list', { name: 'Audit entries' })).toContainText(/Merged \(\w+\) into main/);
    const download = page.waitForEvent('download');
    await audit.getByRole('button', { name: 'Export JSONL' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^braid-audit-.*-pipeline-group-the-navigation-into-sections-\d{8}-\d{6}\.jsonl$/);
    const lines = readFileSync(await file.path(), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; actor: string; payload: Record<string, unknown> });
    expect(lines.filter((line) => line.type === 'merge.landed')).toHaveLength(2);
    expect(lines.filter((line) => line.type === 'merge.landed').every((line) => line.payload.targetBranch === 'main')).toBe(true);
    expect(lines.map((line) => line.type)).toEqual(expect.arrayContaining(['pipeline.created', 'plan.changes_requested', 'plan.approved', 'plan.implemented', 'finding.sent', 'finding.fixed']));
  });
});
