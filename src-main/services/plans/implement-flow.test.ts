import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventName, Task } from '../../../src-shared/contract';
import { revisedSamplePlan } from '../../testing/sample-plan';
import type { RecordedRequest, ScriptedTurn } from '../../testing/scripted-model-server';
import { agentWorld } from '../testing/agent-fixture';
import { approvedPlanTask } from '../testing/implement-fixture';
import { expectOk } from '../testing/services-fixture';
import { createRepo, git } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';

type Body = { messages: { role: string; content: unknown }[]; tools?: { function: { name: string } }[] };
const textOf = (request: RecordedRequest) => JSON.stringify((request.body as Body).messages);
const systemOf = (request: RecordedRequest) => JSON.stringify((request.body as Body).messages.find((message) => message.role === 'system')?.content ?? '');
const firstUser = (request: RecordedRequest) => JSON.stringify((request.body as Body).messages.find((message) => message.role === 'user')?.content ?? '');
const answered = (request: RecordedRequest) => (request.body as Body).messages.some((message) => message.role === 'assistant');

/**
 * The implementers of the revised sample plan's default assignment: "S1, S3" groups the
 * navigation (runs two commands, touches package.json unplanned, tries S2 and S9, skips S3);
 * "S2" builds the drawer and also touches src/nav.ts, which is S1's (the other task's).
 */
function scriptImplementers(request: RecordedRequest): ScriptedTurn | undefined {
  const user = firstUser(request);
  if (user.includes('Implement steps S1, S3')) {
    if (answered(request)) return { text: 'Grouped the navigation; S3 was not needed.' };
    return {
      text: 'Starting with S1.',
      toolCalls: [
        { id: 'a-start', name: 'update_step', args: { stepId: 'S1', status: 'in_progress' } },
        { id: 'a-write', name: 'write_file', args: { path: 'src/nav.ts', content: 'export const groups = ["Work", "Play", "Settings"];\n' } },
        { id: 'a-extra', name: 'write_file', args: { path: 'package.json', content: '{ "name": "app" }\n' } },
        { id: 'a-foreign', name: 'update_step', args: { stepId: 'S2', status: 'done' } },
        { id: 'a-unknown', name: 'update_step', args: { stepId: 'S9', status: 'done' } },
        { id: 'a-check', name: 'run_command', args: { command: 'echo checked' } },
        { id: 'a-fail', name: 'run_command', args: { command: 'exit 3' } },
        { id: 'a-done', name: 'update_step', args: { stepId: 'S1', status: 'done', note: 'Three groups in nav.ts' } },
        { id: 'a-skip', name: 'update_step', args: { stepId: 'S3', status: 'skipped', note: 'nav.test.ts already covers the groups' } },
      ],
    };
  }
  if (user.includes('Implement step S2')) {
    if (answered(request)) return { text: 'The drawer is in.' };
    return {
      text: 'Building the drawer.',
      toolCalls: [
        { id: 'b-start', name: 'update_step', args: { stepId: 'S2', status: 'in_progress', note: 'Drawer from the left' } },
        { id: 'b-write', name: 'write_file', args: { path: 'src/menu/drawer.ts', content: 'export const drawer = "left";\n' } },
        { id: 'b-nav', name: 'write_file', args: { path: 'src/nav.ts', content: 'export const items = ["drawer"];\n' } },
        { id: 'b-done', name: 'update_step', args: { stepId: 'S2', status: 'done' } },
      ],
    };
  }
  return undefined;
}

describe('implementing an approved plan', () => {
  it('in two parallel tasks from the same base commit (main moved in between), each marking its steps, each with its summary', async () => {
    const repo = createRepo({ path: join(tempFolder('braid-implement-repo-'), 'app'), files: { 'README.md': '# app\n', 'src/nav.ts': 'export const items = [];\n' } }).path;
    const base = git(repo, 'rev-parse', 'main');
    // The moment the first implement task is stored, main moves: the second must still branch from `base`.
    let moved: string | null = null;
    const onEmit = (event: EventName, payload: unknown) => {
      const task = event === 'tasks.changed' ? (payload as { task: Task }).task : null;
      if (task?.planPin && moved === null) {
        git(repo, 'commit', '--quiet', '--allow-empty', '-m', 'main moves on');
        moved = git(repo, 'rev-parse', 'main');
      }
    };
    const world = await agentWorld({ repo, onEmit });
    const { planTask, version } = await approvedPlanTask(world, revisedSamplePlan());
    world.server.script(scriptImplementers);
    world.recorder.events.length = 0;

    const created = expectOk(await world.services.plans.implement({ taskId: planTask.id, version: 1 }));
    // The default assignment: the steps without a group (S1, S3) in one task, the group "ui" (S2) in another.
    expect(created.map((task) => [task.title, task.role, task.planPin])).toEqual([
      ['Group the navigation — S1, S3', 'implement', { planTaskId: planTask.id, version: 1, stepIds: ['S1', 'S3'] }],
      ['Group the navigation — S2', 'implement', { planTaskId: planTask.id, version: 1, stepIds: ['S2'] }],
    ]);
    const [first, second] = created as [Task, Task];
    expect(moved).not.toBeNull();
    expect(moved).not.toBe(base);
    for (const task of created) {
      expect(task.workspace).toMatchObject({ baseBranch: 'main', baseCommit: base });
    }
    // Right away, before any agent ran: every pinned step pending, visible through plans.progress.
    expect(expectOk(world.services.plans.progress(planTask.id)).tasks.map((task) => [task.taskId, task.steps.map((step) => `${step.stepId}:${step.status}`)])).toEqual([
      [first.id, ['S1:pending', 'S3:pending']],
      [second.id, ['S2:pending']],
    ]);
    expect(world.recorder.of('plans.progressChanged')).toContainEqual({ projectId: world.project.id, planTaskId: planTask.id, taskIds: [first.id, second.id] });

    // Task A's commands ask first; both run once approved.
    await world.waitForEvent(first.id, 'approval_request', (event) => event.callId === 'a-check');
    expectOk(world.services.agents.decide(first.id, 'a-check', true, null));
    await world.waitForEvent(first.id, 'approval_request', (event) => event.callId === 'a-fail');
    expectOk(world.services.agents.decide(first.id, 'a-fail', true, null));
    await world.waitForStatus(first.id, 'done');
    await world.waitForStatus(second.id, 'done');

    // Both worktrees were made at the base commit, not at where main is now.
    for (const task of created) {
      const ready = world.task(task.id);
      expect(git(ready.workspace.path, 'rev-parse', 'HEAD')).toBe(base);
    }
    expect(git(repo, 'rev-parse', 'main')).toBe(moved);

    // The agents were briefed: the plan's Markdown, their own checklist, the other task's steps; update_step offered.
    const requestOf = (prompt: string) => world.server.requests.find((request) => firstUser(request).includes(prompt) && !answered(request))!;
    const briefA = systemOf(requestOf('Implement steps S1, S3'));
    expect(briefA).toContain('### S2. Mobile drawer');
    expect(briefA).toContain('- [ ] S1. Group the items — pending');
    expect(briefA).toContain('- [ ] S3. Test the groups — pending');
    expect(briefA).toContain('S2. Mobile drawer: implemented by the task \\"Group the navigation — S2\\"');
    const briefB = systemOf(requestOf('Implement step S2'));
    expect(briefB).toContain('Your steps depend on steps another task implements (S2 depends on S1)');
    expect((requestOf('Implement step S2').body as Body).tools?.map((tool) => tool.function.name)).toContain('update_step');

    // A step that is another task's, or not in the plan, is refused back to the model; nothing stored.
    const resultOf = (taskId: string, callId: string) => world.timeline(taskId).find((event) => event.kind === 'tool_result' && event.callId === callId);
    expect(resultOf(first.id, 'a-foreign')).toMatchObject({
      isError: true,
      text: 'S2 is not one of your steps: it is assigned to the task "Group the navigation — S2", which implements it in parallel. Your steps are S1, S3; nothing was updated.',
    });
    expect(resultOf(first.id, 'a-unknown')).toMatchObject({ isError: true, text: 'S9 is not a step of plan v1. Your steps are S1, S3; nothing was updated.' });
    expect(resultOf(first.id, 'a-done')).toMatchObject({ isError: false, text: 'S1 is now done (note: Three groups in nav.ts).' });

    // Progress across both tasks, with the notes (task B's in-progress note kept when "done" came without one).
    const progress = expectOk(world.services.plans.progress(planTask.id, 1));
    expect(progress.tasks.map((task) => [task.title, task.readyForReview, task.steps.map((step) => [step.stepId, step.status, step.note])])).toEqual([
      ['Group the navigation — S1, S3', true, [['S1', 'done', 'Three groups in nav.ts'], ['S3', 'skipped', 'nav.test.ts already covers the groups']]],
      ['Group the navigation — S2', true, [['S2', 'done', 'Drawer from the left']]],
    ]);
    const changes = world.recorder.of('plans.progressChanged').filter((event) => event.taskIds.length === 1);
    expect(changes.filter((event) => event.taskIds[0] === first.id)).toHaveLength(3);
    expect(changes.filter((event) => event.taskIds[0] === second.id)).toHaveLength(2);

    // Summaries: steps, files changed, commands with exit codes, unplanned changes (one belongs to the other task's step).
    const summaryA = expectOk(await world.services.plans.implementSummary(first.id));
    expect(summaryA).toMatchObject({ readyForReview: true, status: 'done', version: 1, planTitle: 'Group the navigation', filesError: null });
    expect(summaryA.files.map((file) => [file.path, file.status])).toEqual([
      ['package.json', 'untracked'],
      ['src/nav.ts', 'modified'],
    ]);
    expect(summaryA.commands.map((command) => [command.command, command.exitCode, command.outcome])).toEqual([
      ['echo checked', 0, 'succeeded'],
      ['exit 3', 3, 'failed'],
    ]);
    expect(summaryA.unplanned).toEqual([{ path: 'package.json', otherSteps: [] }]);
    expect(summaryA.otherSteps).toEqual([{ stepId: 'S2', title: 'Mobile drawer', taskId: second.id, taskTitle: 'Group the navigation — S2' }]);

    const summaryB = expectOk(await world.services.plans.implementSummary(second.id));
    expect(summaryB.files.map((file) => file.path)).toEqual(['src/menu/drawer.ts', 'src/nav.ts']);
    expect(summaryB.commands).toEqual([]);
    expect(summaryB.unplanned).toEqual([{ path: 'src/nav.ts', otherSteps: [{ stepId: 'S1', taskId: first.id, taskTitle: 'Group the navigation — S1, S3' }] }]);
    expect(readFileSync(join(world.task(second.id).workspace.path, 'src/menu/drawer.ts'), 'utf8')).toBe('export const drawer = "left";\n');

    // What the review of task B is given.
    const context = expectOk(await world.services.plans.implementContext(second.id));
    expect(context.pinnedSteps.map((step) => step.id)).toEqual(['S2']);
    expect(context.plan.markdown).toBe(version.markdown);
    expect(context.summaryMarkdown).toContain('- src/nav.ts — named by S1 (task "Group the navigation — S1, S3") of another task');
    expect(context.summaryMarkdown).toContain('- S2. Mobile drawer: done — Drawer from the left');
  });

  it('a new run takes an implement task out of "ready for review"', async () => {
    const world = await agentWorld();
    const { planTask } = await approvedPlanTask(world);
    world.server.script((request) => (answered(request) ? { text: 'Done.' } : { text: 'On it.', toolCalls: [{ name: 'update_step', args: { stepId: 'S1', status: 'done' } }] }));
    const created = expectOk(await world.services.plans.implement({ taskId: planTask.id, version: 1, assignments: [{ stepIds: ['S1', 'S2'], title: 'All of it' }] }));
    const task = created[0]!;
    expect(task.title).toBe('All of it');
    await world.waitForStatus(task.id, 'done');
    expect(expectOk(world.services.plans.progress(planTask.id)).tasks[0]).toMatchObject({ readyForReview: true });
    // A follow-up message: working again (the model is slow to answer), so no longer ready for review.
    world.server.script(() => ({ fault: { kind: 'hang' } }));
    const asked = world.server.requests.length;
    expectOk(await world.services.agents.send(task.id, 'One more thing'));
    await world.server.waitForRequests(asked + 1);
    expect(textOf(world.server.requests[asked]!)).toContain('One more thing');
    expect(expectOk(world.services.plans.progress(planTask.id)).tasks[0]).toMatchObject({ status: 'running', readyForReview: false });
    expect(expectOk(await world.services.plans.implementSummary(task.id)).readyForReview).toBe(false);
    expectOk(world.services.agents.stop(task.id));
    await world.waitForStatus(task.id, 'stopped');
  });
  it('checks a renamed file under both its names', async () => {
    const world = await agentWorld();
    const { planTask } = await approvedPlanTask(world);
    world.server.script(() => ({ text: 'Done.' }));
    const [task] = expectOk(await world.services.plans.implement({ taskId: planTask.id, version: 1, assignments: [{ stepIds: ['S1', 'S2'] }] }));
    const ready = await world.waitForStatus(task!.id, 'done');
    // By hand in the worktree: README.md moves under src/menu/ (S2's folder, so its new name is planned).
    const path = ready.workspace.path;
    mkdirSync(join(path, 'src/menu'), { recursive: true });
    git(path, 'mv', 'README.md', 'src/menu/README.md');
    git(path, 'commit', '--quiet', '-m', 'move the readme');
    const summary = expectOk(await world.services.plans.implementSummary(task!.id));
    expect(summary.files.map((file) => [file.oldPath ?? null, file.path, file.status])).toEqual([['README.md', 'src/menu/README.md', 'renamed']]);
    expect(summary.unplanned).toEqual([{ path: 'README.md', otherSteps: [] }]);
  });
});
