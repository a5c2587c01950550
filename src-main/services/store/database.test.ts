import { describe, expect, it } from 'vitest';
import { tempFolder } from '../testing/temp-folders';
import { DatabaseTooNewError, openDatabase } from './database';
import { migrations } from './migrations';
import { openStore } from './store';

describe('openDatabase', () => {
  it('creates braid.db with WAL, a busy timeout, foreign keys and every migration applied', () => {
    const db = openDatabase(tempFolder());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([
      'audit_entry',
      'pipeline',
      'pipeline_check',
      'pipeline_hold',
      'plan_step_progress',
      'plan_version',
      'project',
      'review_comment',
      'review_finding',
      'review_report',
      'setting',
      'task',
      'task_event',
      'workspace',
    ]);
    db.close();
  });

  it('re-opening an up-to-date database changes nothing and keeps the data', () => {
    const dir = tempFolder();
    const first = openStore(dir);
    first.projects.insert({ id: 'abcdef1234', name: 'app', path: '/code/app', defaultBranch: 'main', createdAt: 1 });
    first.close();
    const second = openStore(dir);
    expect(second.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(second.projects.list()).toHaveLength(1);
    second.close();
  });

  it('upgrades a database from an older version by applying only the newer migrations', () => {
    const dir = tempFolder();
    openDatabase(dir, { migrations: migrations.slice(0, 1) }).close();
    const next = [...migrations, { version: migrations.length + 1, name: 'add a note', sql: 'ALTER TABLE project ADD COLUMN note TEXT;' }];
    const db = openDatabase(dir, { migrations: next });
    expect(db.pragma('user_version', { simple: true })).toBe(next.length);
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('project');
    expect(columns).toContain('note');
    db.close();
  });

  it('rolls back a failing migration completely', () => {
    const dir = tempFolder();
    openDatabase(dir).close();
    const broken = [
      ...migrations,
      { version: migrations.length + 1, name: 'half good', sql: 'CREATE TABLE extra (id TEXT); SELECT nonsense FROM nowhere;' },
    ];
    expect(() => openDatabase(dir, { migrations: broken })).toThrow();
    const db = openDatabase(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer Braid, saying so', () => {
    const dir = tempFolder();
    const db = openDatabase(dir);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    expect(() => openDatabase(dir)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(dir)).toThrow(/newer Braid/);
  });

  it('removing a project removes its workspaces and tasks', () => {
    const store = openStore(tempFolder());
    store.projects.insert({ id: 'proj000001', name: 'app', path: '/code/app', defaultBranch: 'main', createdAt: 1 });
    store.workspaces.insert({
      id: 'work000001',
      projectId: 'proj000001',
      path: '/wt/app/x',
      branch: 'braid/x',
      baseBranch: 'main',
      baseCommit: null,
      state: 'ready',
      stateReason: null,
      branchExists: true,
      createdAt: 2,
    });
    store.tasks.insert({ id: 'task000001', projectId: 'proj000001', workspaceId: 'work000001', title: 'x', prompt: '', role: 'plan', createdAt: 3 });
    expect(store.tasks.get('task000001')?.workspace.branch).toBe('braid/x');
    store.projects.remove('proj000001');
    expect(store.tasks.get('task000001')).toBeUndefined();
    expect(store.workspaces.get('work000001')).toBeUndefined();
    store.close();
  });
});
