import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { openDatabase } from './database';
import { migrations } from './migrations';
import { openStore } from './store';

function seedVersion2(dir: string): void {
  const db = openDatabase(dir, { migrations: migrations.slice(0, 2) });
  expect(db.pragma('user_version', { simple: true })).toBe(2);
  db.prepare("INSERT INTO project VALUES ('proj000001', 'app', '/code/app', 'main', 1)").run();
  db.prepare(
    "INSERT INTO workspace (id, project_id, path, branch, base_branch, base_commit, state, created_at) VALUES ('work000001', 'proj000001', '/wt/x', 'braid/x', 'main', NULL, 'ready', 2)",
  ).run();
  db.prepare(
    "INSERT INTO task (id, project_id, workspace_id, title, prompt, role, created_at, status, step_count) VALUES ('task000001', 'proj000001', 'work000001', 'Fix nav', 'fix it', 'implement', 3, 'done', 4)",
  ).run();
  db.prepare("INSERT INTO task_event VALUES ('task000001', 1, 'user_message', ?, 4)").run(JSON.stringify({ kind: 'user_message', text: 'fix it' }));
  db.prepare("INSERT INTO task_event VALUES ('task000001', 2, 'assistant_text', ?, 5)").run(
    JSON.stringify({ kind: 'assistant_text', step: 1, text: 'On it.' }),
  );
  db.close();
}

describe('migrations 3 and 4: review comments, merged workspaces', () => {
  it('upgrades a version 2 database with data: tasks and their timeline survive, comments can be stored', () => {
    const dir = tempFolder();
    seedVersion2(dir);

    const store = openStore(dir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const task = store.tasks.get('task000001');
    // Migration 4: an old workspace reads as not merged; a merge record round-trips.
    expect(task?.workspace.merged).toBeNull();
    const merged = {
      strategy: 'squash' as const,
      selective: false,
      files: ['src/nav.ts'],
      targetBranch: 'main',
      previousCommit: 'a'.repeat(40),
      newCommit: 'b'.repeat(40),
      mergedHead: 'c'.repeat(40),
      mergedAt: 7,
      checkoutUpdated: null,
    };
    expect(store.workspaces.setMerged('work000001', merged)).toBe(true);
    expect(store.tasks.get('task000001')?.workspace.merged).toEqual(merged);
    store.db.prepare("UPDATE workspace SET merged = '{not json' WHERE id = 'work000001'").run();
    expect(store.tasks.get('task000001')?.workspace.merged).toBeNull();
    expect(task?.title).toBe('Fix nav');
    expect(task?.agent.status).toBe('done');
    expect(task?.agent.stepCount).toBe(4);
    expect(store.timeline.from('task000001', 0).map((event) => event.kind)).toEqual(['user_message', 'assistant_text']);

    store.reviewComments.insert({
      id: 'comm000001',
      taskId: 'task000001',
      path: 'src/nav.ts',
      line: 3,
      side: 'new',
      text: 'Rename this',
      status: 'open',
      anchorText: 'export const go = 1;',
      createdAt: 10,
      sentAt: null,
    });
    expect(store.reviewComments.listByTask('task000001')).toEqual([
      expect.objectContaining({ id: 'comm000001', line: 3, side: 'new', status: 'open', anchorText: 'export const go = 1;', sentAt: null }),
    ]);
    store.close();
  });

  it('refuses impossible values and removes a task’s comments with the task', () => {
    const dir = tempFolder();
    seedVersion2(dir);
    const store = openStore(dir);
    const base = { taskId: 'task000001', path: 'a.ts', line: 1, side: 'new' as const, text: 't', status: 'open' as const, anchorText: null, createdAt: 1, sentAt: null };
    expect(() => store.reviewComments.insert({ ...base, id: 'bad0000001', line: 0 })).toThrow();
    expect(() => store.reviewComments.insert({ ...base, id: 'bad0000002', taskId: 'nosuchtask' })).toThrow();
    store.reviewComments.insert({ ...base, id: 'comm000001' });
    store.tasks.remove('task000001');
    expect(store.reviewComments.get('comm000001')).toBeUndefined();
    store.close();
  });
});
