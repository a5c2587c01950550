import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { openDatabase } from './database';
import { migrations } from './migrations';
import { openStore } from './store';

describe('migration 7 (subagents)', () => {
  it('keeps every task as it was: no parent, no subagent, its usage unchanged and nothing rolled up', () => {
    const dir = tempFolder();
    const db = openDatabase(dir, { migrations: migrations.slice(0, 6) });
    db.exec(`
      INSERT INTO project (id, name, path, default_branch, created_at) VALUES ('proj000001', 'app', '/code/app', 'main', 1);
      INSERT INTO workspace (id, project_id, path, branch, base_branch, base_commit, state, created_at)
        VALUES ('work000001', 'proj000001', '/wt/app/x', 'braid/x', 'main', NULL, 'ready', 2);
      INSERT INTO task (id, project_id, workspace_id, title, prompt, role, created_at, status, input_tokens, output_tokens, cost_usd, permission_mode)
        VALUES ('task000001', 'proj000001', 'work000001', 'Build it', 'do it', 'implement', 3, 'done', 1200, 300, 0.25, 'acceptEdits');
    `);
    db.close();

    const store = openStore(dir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(store.tasks.get('task000001')).toMatchObject({
      parentTaskId: null,
      subagent: null,
      agent: { usage: { inputTokens: 1200, outputTokens: 300, cachedTokens: 0, costUsd: 0.25 }, subagentUsage: null, permissionMode: 'acceptEdits' },
    });
    expect(store.tasks.listChildren('task000001')).toEqual([]);
    expect(store.tasks.ancestorIds('task000001')).toEqual([]);
    store.close();
  });
});
