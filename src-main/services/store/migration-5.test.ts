import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { openDatabase } from './database';
import { migrations } from './migrations';
import { openStore } from './store';

/** A database as Braid 4 left it: a project, a workspace shared by two tasks, timelines, a comment. */
function version4Database(dir: string): void {
  const db = openDatabase(dir, { migrations: migrations.slice(0, 4) });
  db.exec(`
    INSERT INTO project (id, name, path, default_branch, created_at) VALUES ('proj000001', 'app', '/code/app', 'main', 1);
    INSERT INTO workspace (id, project_id, path, branch, base_branch, base_commit, state, created_at)
      VALUES ('work000001', 'proj000001', '/wt/app/x', 'braid/x', 'main', NULL, 'ready', 2);
    INSERT INTO task (id, project_id, workspace_id, title, prompt, role, created_at, status, status_reason, model, input_tokens, step_count, max_steps, cost_usd)
      VALUES ('task000001', 'proj000001', 'work000001', 'Build it', 'do it', 'implement', 3, 'done', NULL, 'openai:gpt-4o', 1200, 4, 80, 0.25),
             ('task000002', 'proj000001', 'work000001', 'Review it', '', 'review', 4, 'interrupted', 'Braid stopped', NULL, 0, 0, 50, NULL);
    INSERT INTO task_event (task_id, seq, kind, body, created_at) VALUES
      ('task000001', 1, 'user_message', '{"kind":"user_message","text":"do it"}', 5),
      ('task000001', 2, 'assistant_text', '{"kind":"assistant_text","step":1,"text":"done"}', 6),
      ('task000002', 1, 'user_message', '{"kind":"user_message","text":"look"}', 7);
    INSERT INTO review_comment (id, task_id, path, line, side, text, created_at) VALUES ('comm000001', 'task000001', 'a.ts', 3, 'new', 'why?', 8);
  `);
  db.close();
}

describe('migration 5 (roles and pipelines)', () => {
  it('keeps every task with its agent state, timeline and comments, and adds the new links empty', () => {
    const dir = tempFolder();
    version4Database(dir);
    const store = openStore(dir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const built = store.tasks.get('task000001')!;
    expect(built).toMatchObject({
      title: 'Build it',
      role: 'implement',
      pipelineId: null,
      planPin: null,
      reviewedTaskId: null,
      // Tasks stored before engines existed keep Braid’s own agent (migration 11).
      engine: { kind: 'braid' },
      agent: { status: 'done', model: 'openai:gpt-4o', stepCount: 4, limits: { maxSteps: 80, maxCostUsd: null }, usage: { inputTokens: 1200, costUsd: 0.25 } },
    });
    expect(store.tasks.get('task000002')?.agent).toMatchObject({ status: 'interrupted', statusReason: 'Braid stopped' });
    expect(store.tasks.listByWorkspace('work000001').map((task) => task.id)).toEqual(['task000001', 'task000002']);
    expect(store.timeline.page('task000001', 100, 10).events.map((event) => event.kind)).toEqual(['user_message', 'assistant_text']);
    expect(store.reviewComments.listByTask('task000001')).toHaveLength(1);
    store.close();
  });

  it('enforces foreign keys again afterwards: deleting a task still takes its timeline and comments', () => {
    const dir = tempFolder();
    version4Database(dir);
    const store = openStore(dir);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.tasks.remove('task000001');
    expect(store.timeline.page('task000001', 100, 10).events).toEqual([]);
    expect(store.reviewComments.listByTask('task000001')).toEqual([]);
    expect(store.timeline.page('task000002', 100, 10).events).toHaveLength(1);
    expect(() => store.tasks.insert({ id: 'task000009', projectId: 'proj000001', workspaceId: 'nowhere001', title: 'x', prompt: '', role: 'plan', createdAt: 9 })).toThrow(/FOREIGN KEY/);
    store.close();
  });

  it('accepts the new statuses and still refuses unknown ones', () => {
    const dir = tempFolder();
    version4Database(dir);
    const store = openStore(dir);
    store.tasks.setStatus('task000001', 'needs_input', 'A question waits');
    expect(store.tasks.get('task000001')?.agent.status).toBe('needs_input');
    store.tasks.setStatus('task000001', 'plan_review', null);
    expect(store.tasks.get('task000001')?.agent.status).toBe('plan_review');
    expect(() => store.db.prepare("UPDATE task SET status = 'daydreaming' WHERE id = 'task000001'").run()).toThrow(/CHECK/);
    store.close();
  });

  it('rolls back a migration that leaves a row pointing at nothing', () => {
    const dir = tempFolder();
    version4Database(dir);
    const dangling = [...migrations, { version: migrations.length + 1, name: 'orphans a task', sql: "DELETE FROM workspace WHERE id = 'work000001';" }];
    expect(() => openDatabase(dir, { migrations: dangling })).toThrow(/pointing at nothing/);
    const store = openStore(dir);
    expect(store.workspaces.get('work000001')).toBeDefined();
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    store.close();
  });
});
