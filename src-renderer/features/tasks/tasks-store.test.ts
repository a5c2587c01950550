import { beforeEach, describe, expect, it } from 'vitest';
import type { Task, WorkspaceState } from '../../../src-shared/contract';
import { useTasksStore, workspaceOwnerIdIn } from './tasks-store';

function task(id: string, projectId: string, createdAt: number, state: WorkspaceState = 'creating'): Task {
  return {
    id,
    projectId,
    title: `Task ${id}`,
    prompt: '',
    role: 'implement',
    createdAt,
    pipelineId: null,
    planPin: null,
    reviewedTaskId: null,
    engine: { kind: 'braid' },
    parentTaskId: null,
    subagent: null,
    workspace: {
      id: `w${id}`,
      projectId,
      path: `/worktrees/${id}`,
      branch: `braid/${id}`,
      baseBranch: 'main',
      baseCommit: null,
      state,
      stateReason: null,
      branchExists: true,
      merged: null,
      setup: { state: 'none', source: null, reason: null, exitCode: null, files: null },
      portBase: null,
    },
    agent: {
      status: 'idle',
      statusReason: null,
      model: null,
      usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: null },
      subagentUsage: null,
      contextTokens: 0,
      contextWindow: 0,
      queuedMessages: 0,
      stepCount: 0,
      limits: { maxSteps: 50, maxCostUsd: null },
      permissionMode: null,
      mode: { mode: 'ask', origin: 'built-in', from: 'Braid' },
    },
  };
}

const store = () => useTasksStore.getState();

beforeEach(() => useTasksStore.setState({ byId: {}, idsByProject: {}, rootIdsByProject: {}, childIdsByParent: {} }));

describe('tasks store', () => {
  it('lists each project’s tasks oldest first, whatever order they arrive in', () => {
    store().upsert(task('t00003', 'p00001', 30));
    store().upsert(task('t00001', 'p00001', 10));
    store().upsert(task('t00002', 'p00002', 20));
    expect(store().idsByProject).toEqual({ p00001: ['t00001', 't00003'], p00002: ['t00002'] });
  });

  it('keeps the newer state when a command’s answer arrives after the event', () => {
    // The worktree was ready before `tasks.create` answered with its `creating` snapshot.
    store().upsert(task('t00001', 'p00001', 10, 'ready'));
    store().insertIfAbsent(task('t00001', 'p00001', 10, 'creating'));
    expect(store().byId.t00001?.workspace.state).toBe('ready');
  });

  it('changes a task without replacing its project’s list, so the sidebar list does not re-render', () => {
    store().upsert(task('t00001', 'p00001', 10));
    const list = store().idsByProject.p00001;
    store().upsert(task('t00001', 'p00001', 10, 'ready'));
    expect(store().idsByProject.p00001).toBe(list);
    expect(store().byId.t00001?.workspace.state).toBe('ready');
  });

  it('removes tasks one by one and all of a forgotten project', () => {
    store().upsert(task('t00001', 'p00001', 10));
    store().upsert(task('t00002', 'p00001', 20));
    store().upsert(task('t00003', 'p00002', 30));
    store().remove('t00001');
    expect(store().idsByProject.p00001).toEqual(['t00002']);
    store().forgetProjects(['p00001']);
    expect(Object.keys(store().byId)).toEqual(['t00003']);
    expect(store().idsByProject.p00001).toBeUndefined();
  });

  it('replaces a project’s tasks with a fresh list, dropping ones the host no longer has', () => {
    store().upsert(task('t00001', 'p00001', 10));
    store().upsert(task('t00009', 'p00002', 90));
    store().replaceProject('p00001', [task('t00002', 'p00001', 20, 'ready')]);
    expect(store().idsByProject).toEqual({ p00001: ['t00002'], p00002: ['t00009'] });
    expect(store().byId.t00001).toBeUndefined();
  });

  it('nests subagents’ tasks under their parent: the top level holds the others, each parent lists its own', () => {
    const child = (id: string, parentId: string, createdAt: number) => ({ ...task(id, 'p00001', createdAt), parentTaskId: parentId });
    // A child that arrives before its parent shows at the top level until the parent is known.
    store().upsert(child('t00002', 't00001', 20));
    expect(store().rootIdsByProject.p00001).toEqual(['t00002']);
    store().upsert(task('t00001', 'p00001', 10));
    store().upsert(child('t00003', 't00002', 30));
    store().upsert(child('t00004', 't00001', 40));
    store().upsert(task('t00005', 'p00001', 50));
    expect(store().rootIdsByProject.p00001).toEqual(['t00001', 't00005']);
    expect(store().childIdsByParent).toEqual({ t00001: ['t00002', 't00004'], t00002: ['t00003'] });
    expect(store().idsByProject.p00001).toHaveLength(5);

    // A change to a child replaces no list; removing one replaces only its parent's.
    const roots = store().rootIdsByProject.p00001;
    const grandchildren = store().childIdsByParent.t00002;
    store().upsert({ ...child('t00004', 't00001', 40), title: 'renamed' });
    expect(store().rootIdsByProject.p00001).toBe(roots);
    store().remove('t00004');
    expect(store().childIdsByParent).toEqual({ t00001: ['t00002'], t00002: ['t00003'] });
    expect(store().childIdsByParent.t00002).toBe(grandchildren);
    expect(store().rootIdsByProject.p00001).toBe(roots);
  });

  it('names each task’s workspace owner: a subagent’s top parent, a review’s reviewed task; the task itself until they are loaded', () => {
    store().upsert(task('t00001', 'p00001', 10));
    store().upsert({ ...task('t00002', 'p00001', 20), parentTaskId: 't00001' });
    store().upsert({ ...task('t00003', 'p00001', 30), parentTaskId: 't00002' });
    store().upsert({ ...task('t00004', 'p00001', 40), role: 'review', reviewedTaskId: 't00001' });
    store().upsert({ ...task('t00005', 'p00001', 50), parentTaskId: 't00009' });
    expect(['t00001', 't00002', 't00003', 't00004', 't00005'].map((id) => workspaceOwnerIdIn(store().byId, id))).toEqual(['t00001', 't00001', 't00001', 't00001', 't00005']);
  });
});

