import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplePlan, submitPlanTurn } from '../../testing/sample-plan';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { git } from '../../testing/git-fixtures';

type World = Awaited<ReturnType<typeof agentWorld>>;

async function approvedPlanAndWorkspace(world: World) {
  world.server.enqueue(submitPlanTurn(samplePlan()));
  const plan = await world.createTask('Plan the navigation', 'Plan grouping the navigation', 'plan');
  await world.waitForStatus(plan.id, 'plan_review');
  // No prompt: the implement task's agent does not start, its workspace is the user's to mess up.
  const workspace = await world.createTask('Implement the navigation', '');
  return { plan, workspace };
}

describe('saving an approved plan into a workspace', () => {
  it('commits only the plan file, leaving the workspace’s other changes as they were', async () => {
    const world = await agentWorld();
    const { plan, workspace } = await approvedPlanAndWorkspace(world);
    const root = workspace.workspace.path;
    // Work in progress of every kind: modified, staged, untracked.
    writeFileSync(join(root, 'README.md'), '# app\nedited, not staged\n');
    writeFileSync(join(root, 'staged.txt'), 'staged\n');
    git(root, 'add', 'staged.txt');
    writeFileSync(join(root, 'scratch.txt'), 'untracked\n');
    const statusBefore = git(root, 'status', '--porcelain');
    const headBefore = git(root, 'rev-parse', 'HEAD');

    // Not approved yet: the gate refuses.
    expect(await world.services.plans.saveToRepository({ taskId: plan.id, version: 1, workspaceTaskId: workspace.id })).toMatchObject({
      ok: false,
      error: { code: 'PLAN_NOT_APPROVED' },
    });
    expectOk(await world.services.plans.approve(plan.id, 1));

    const saved = expectOk(await world.services.plans.saveToRepository({ taskId: plan.id, version: 1, workspaceTaskId: workspace.id }));
    expect(saved.path).toBe('docs/plans/group-the-navigation.md');
    expect(git(root, 'rev-parse', 'HEAD')).toBe(saved.commit);
    expect(git(root, 'rev-parse', 'HEAD^')).toBe(headBefore);
    expect(git(root, 'show', '--name-only', '--format=%s', 'HEAD')).toBe('Plan: Group the navigation\n\ndocs/plans/group-the-navigation.md');
    expect(git(root, 'show', 'HEAD:docs/plans/group-the-navigation.md')).toBe(expectOk(world.services.plans.get(plan.id, 1)).markdown.trimEnd());
    expect(readFileSync(join(root, saved.path), 'utf8')).toBe(expectOk(world.services.plans.get(plan.id, 1)).markdown);
    // Everything else is exactly as it was: the plan file is committed and clean.
    expect(git(root, 'status', '--porcelain')).toBe(statusBefore);
    expect(git(root, 'diff', '--cached', '--name-only')).toBe('staged.txt');

    // Saving the same plan again has nothing to commit.
    expect(await world.services.plans.saveToRepository({ taskId: plan.id, version: 1, workspaceTaskId: workspace.id })).toMatchObject({
      ok: false,
      error: { code: 'NOTHING_TO_COMMIT' },
    });
  });

  it('uses the project’s plans folder or the path given, and refuses paths outside the workspace or with changes of their own', async () => {
    const world = await agentWorld();
    const { plan, workspace } = await approvedPlanAndWorkspace(world);
    expectOk(await world.services.plans.approve(plan.id, 1));
    const save = (path?: string) => world.services.plans.saveToRepository({ taskId: plan.id, version: 1, workspaceTaskId: workspace.id, ...(path ? { path } : {}) });

    expect(await save('../outside.md')).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT' } });
    expect(await save('.git/hooks/post-commit')).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT' } });
    writeFileSync(join(workspace.workspace.path, 'README.md'), 'being edited\n');
    expect(await save('README.md')).toMatchObject({ ok: false, error: { code: 'WORKSPACE_HAS_WORK', message: expect.stringContaining('README.md has uncommitted changes') } });
    expect(readFileSync(join(workspace.workspace.path, 'README.md'), 'utf8')).toBe('being edited\n');

    expect(world.services.pipelineSettings.set(world.project.id, { plansDir: '../elsewhere' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(expectOk(world.services.pipelineSettings.set(world.project.id, { plansDir: 'specs/' }))).toMatchObject({ plansDir: 'specs', reviewGate: 'warn' });
    expect(expectOk(await save()).path).toBe('specs/group-the-navigation.md');
    expect(expectOk(await save('notes/the-plan.md')).path).toBe('notes/the-plan.md');
    expect(git(workspace.workspace.path, 'log', '--format=%s', '-2', '--name-only')).toBe(
      'Plan: Group the navigation\n\nnotes/the-plan.md\nPlan: Group the navigation\n\nspecs/group-the-navigation.md',
    );
  });
});
