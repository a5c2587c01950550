import { describe, expect, it } from 'vitest';
import { writeFiles } from '../../testing/git-fixtures';
import type { WorkspaceTodo } from './todo-write';
import { openWorkspace } from '../testing/tool-server-fixture';

describe('git_status', () => {
  it('says a fresh worktree is clean, naming the branch', async () => {
    const { call } = await openWorkspace();
    expect(await call('git_status')).toEqual({ isError: false, text: 'On main. Nothing to commit, the working tree is clean.' });
  });

  it('summarises staged, unstaged and untracked files', async () => {
    const { call, root, repo } = await openWorkspace({ files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
    writeFiles(root, { 'a.txt': 'changed\n', 'b.txt': 'staged\n', 'new dir/ünïcode.txt': 'new\n' });
    repo.git('add', 'b.txt');
    const reply = await call('git_status');
    expect(reply.text.split('\n')).toEqual([
      'On main. 1 staged, 1 unstaged, 1 untracked.',
      ' M a.txt',
      'M  b.txt',
      '?? "new dir/ünïcode.txt"',
    ]);
  });
});

describe('git_diff', () => {
  it('shows unstaged changes as a unified diff and lists untracked files after it', async () => {
    const { call, root } = await openWorkspace({ files: { 'a.txt': 'one\ntwo\n', 'b.txt': 'b\n' } });
    writeFiles(root, { 'a.txt': 'one\n2\n', 'b.txt': 'bee\n', 'fresh.txt': 'hi\n' });
    const reply = await call('git_diff');
    expect(reply.text).toContain('diff --git a/a.txt b/a.txt');
    expect(reply.text).toContain('-two\n+2');
    expect(reply.text).toContain('diff --git a/b.txt b/b.txt');
    expect(reply.text).toMatch(/Untracked files \(new, not in the diff; read them with read_file\):\nfresh\.txt$/);

    const onlyA = await call('git_diff', { path: 'a.txt' });
    expect(onlyA.text).toContain('a/a.txt');
    expect(onlyA.text).not.toContain('b.txt');
    expect(onlyA.text).not.toContain('fresh.txt');
  });

  it('shows staged changes with staged=true', async () => {
    const { call, root, repo } = await openWorkspace({ files: { 'a.txt': 'one\n' } });
    expect((await call('git_diff', { staged: true })).text).toBe('No staged changes.');
    writeFiles(root, { 'a.txt': 'uno\n' });
    repo.git('add', 'a.txt');
    expect((await call('git_diff')).text).toBe('No unstaged changes.');
    expect((await call('git_diff', { staged: true })).text).toContain('-one\n+uno');
  });

  it('refuses a path outside the workspace', async () => {
    const { call } = await openWorkspace();
    expect((await call('git_diff', { path: '../other' })).isError).toBe(true);
  });
});

describe('todo_write', () => {
  it('replaces the list, shows it, and hands every version to onTodos', async () => {
    const seen: WorkspaceTodo[][] = [];
    const { call } = await openWorkspace({ server: { onTodos: (todos) => seen.push(todos) } });
    const first = await call('todo_write', {
      todos: [
        { content: 'Read the code', status: 'completed' },
        { content: 'Write the fix', status: 'in_progress' },
        { content: 'Run the tests', status: 'pending' },
      ],
    });
    expect(first.text).toBe('Todo list updated (1/3 completed):\n[x] Read the code\n[~] Write the fix\n[ ] Run the tests');
    await call('todo_write', { todos: [] });
    expect(seen).toEqual([
      [
        { content: 'Read the code', status: 'completed' },
        { content: 'Write the fix', status: 'in_progress' },
        { content: 'Run the tests', status: 'pending' },
      ],
      [],
    ]);
  });

  it('refuses an unknown status without touching the list', async () => {
    const seen: WorkspaceTodo[][] = [];
    const { call } = await openWorkspace({ server: { onTodos: (todos) => seen.push(todos) } });
    const reply = await call('todo_write', { todos: [{ content: 'x', status: 'done' }] });
    expect(reply.isError).toBe(true);
    expect(seen).toEqual([]);
  });
});
