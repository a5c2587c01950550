import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from '../store/store';
import { expectOk } from '../testing/services-fixture';
import { writeFiles } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';
import { worktreeFileReader } from './comment-anchor';
import { createReviewComments } from './review-comments';

function world() {
  const store = openStore(tempFolder('braid-comments-'));
  onTestFinished(() => store.close());
  store.projects.insert({ id: 'proj000001', name: 'app', path: '/code/app', defaultBranch: 'main', createdAt: 1 });
  const worktree = tempFolder('braid-comments-wt-');
  store.workspaces.insert({
    id: 'work000001',
    projectId: 'proj000001',
    path: worktree,
    branch: 'braid/x',
    baseBranch: 'main',
    baseCommit: null,
    state: 'ready',
    stateReason: null,
    branchExists: true,
    createdAt: 2,
  });
  store.tasks.insert({ id: 'task000001', projectId: 'proj000001', workspaceId: 'work000001', title: 'x', prompt: '', role: 'implement', createdAt: 3 });
  let clock = 100;
  const comments = createReviewComments({ store, now: () => clock++ });
  return { store, comments, worktree };
}

const nav = ['export function go() {', '  return 1;', '}', '', 'export const name = "nav";', ''].join('\n');

describe('review comments', () => {
  it('are added, edited, listed by file and line, and deleted', () => {
    const { comments } = world();
    const second = expectOk(comments.add({ taskId: 'task000001', path: 'src/nav.ts', line: 5, side: 'new', text: 'Export default?', anchorText: 'export const name = "nav";' }));
    const first = expectOk(comments.add({ taskId: 'task000001', path: 'src/nav.ts', line: 1, side: 'new', text: ' Rename to navigate ', anchorText: 'export function go() {' }));
    expect(first).toMatchObject({ status: 'open', text: 'Rename to navigate', sentAt: null });
    expect(expectOk(comments.list('task000001')).map((comment) => comment.id)).toEqual([first.id, second.id]);

    expect(expectOk(comments.edit(second.id, { text: 'Use a default export' })).text).toBe('Use a default export');
    expect(expectOk(comments.delete(second.id))).toEqual({ deleted: true });
    expect(expectOk(comments.list('task000001'))).toHaveLength(1);

    const refusals = [
      comments.add({ taskId: 'task000001', path: '../etc/passwd', line: 1, side: 'new', text: 'x', anchorText: null }),
      comments.add({ taskId: 'task000001', path: 'a.ts', line: 0, side: 'new', text: 'x', anchorText: null }),
      comments.add({ taskId: 'task000001', path: 'a.ts', line: 1, side: 'new', text: '   ', anchorText: null }),
      comments.add({ taskId: 'nosuchtask', path: 'a.ts', line: 1, side: 'new', text: 'x', anchorText: null }),
      comments.delete(second.id),
    ].map((result) => (result.ok ? 'ok' : result.error.code));
    expect(refusals).toEqual(['PATH_OUTSIDE_ROOT', 'INVALID_INPUT', 'INVALID_INPUT', 'NOT_FOUND', 'NOT_FOUND']);
  });

  it('go to the agent as one follow-up listing every open comment with its line, then count as sent', () => {
    const { comments } = world();
    comments.add({ taskId: 'task000001', path: 'src/nav.ts', line: 1, side: 'new', text: 'Rename to navigate', anchorText: 'export function go() {' });
    comments.add({ taskId: 'task000001', path: 'src/auth.ts', line: 12, side: 'old', text: 'Keep this check', anchorText: '  if (!user) return;' });

    const followUp = expectOk(comments.composeFollowUp('task000001'));
    expect(followUp.text).toBe(
      [
        'I reviewed your changes and left 2 comments. Please address each one:',
        '',
        '1. src/auth.ts:12 (a line you removed) — Keep this check',
        '   > if (!user) return;',
        '2. src/nav.ts:1 — Rename to navigate',
        '   > export function go() {',
      ].join('\n'),
    );
    const listed = expectOk(comments.list('task000001'));
    expect(listed.map((comment) => comment.status)).toEqual(['sent', 'sent']);
    expect(listed.every((comment) => comment.sentAt !== null)).toBe(true);

    const again = comments.composeFollowUp('task000001');
    expect(again.ok ? null : again.error.code).toBe('NOT_FOUND');
    expect(expectOk(comments.reopen(followUp.commentIds))).toEqual({ reopened: 2 });
    expect(expectOk(comments.composeFollowUp('task000001')).commentIds).toHaveLength(2);
  });

  it('are marked addressed when the agent changes the commented line, and follow a line that only moved', async () => {
    const { comments, worktree } = world();
    writeFiles(worktree, { 'src/nav.ts': nav, 'src/gone.ts': 'const x = 1;\n' });
    const renamed = expectOk(comments.add({ taskId: 'task000001', path: 'src/nav.ts', line: 1, side: 'new', text: 'Rename', anchorText: 'export function go() {' }));
    const kept = expectOk(comments.add({ taskId: 'task000001', path: 'src/nav.ts', line: 5, side: 'new', text: 'Hmm', anchorText: 'export const name = "nav";' }));
    const deleted = expectOk(comments.add({ taskId: 'task000001', path: 'src/gone.ts', line: 1, side: 'new', text: 'Not needed', anchorText: 'const x = 1;' }));
    const returned = expectOk(comments.add({ taskId: 'task000001', path: 'src/nav.ts', line: 2, side: 'new', text: 'later', anchorText: '  return 1;' }));
    // Sending marks all open ones; the last one is written after sending.
    expectOk(comments.composeFollowUp('task000001'));
    const late = expectOk(comments.add({ taskId: 'task000001', path: 'src/nav.ts', line: 2, side: 'new', text: 'Unsent', anchorText: '  return 1;' }));

    const reader = worktreeFileReader(worktree);
    expect(expectOk(await comments.detectAddressed('task000001', reader))).toEqual([]);

    // The agent renames the function, adds an import above, and deletes gone.ts.
    writeFiles(worktree, { 'src/nav.ts': ['import x from "y";', '', 'export function navigate() {', '  return 2;', '}', '', 'export const name = "nav";', ''].join('\n') });
    rmSync(join(worktree, 'src/gone.ts'));

    const addressed = expectOk(await comments.detectAddressed('task000001', reader));
    expect(addressed.map((comment) => comment.id).sort()).toEqual([renamed.id, deleted.id, returned.id].sort());
    const byId = new Map(expectOk(comments.list('task000001')).map((comment) => [comment.id, comment]));
    expect(byId.get(renamed.id)?.status).toBe('addressed');
    expect(byId.get(deleted.id)?.status).toBe('addressed');
    expect(byId.get(kept.id)).toMatchObject({ status: 'sent', line: 7 });
    expect(byId.get(returned.id)?.status).toBe('addressed');
    expect(byId.get(late.id)?.status).toBe('open');
  });

  it('never read through a symbolic link out of the worktree, and refuse comments there', async () => {
    const { comments, worktree } = world();
    const outside = tempFolder('braid-outside-');
    writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET\n');
    writeFileSync(join(outside, 'nav.ts'), ['// outside', '// copy', nav].join('\n'));
    writeFiles(worktree, { 'src/nav.ts': nav });
    symlinkSync(outside, join(worktree, 'link'));
    symlinkSync(join(outside, 'secret.txt'), join(worktree, 'note'));

    const refused = comments.add({ taskId: 'task000001', path: 'link/secret.txt', line: 1, side: 'new', text: 'x', anchorText: 'TOP SECRET' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE_ROOT' } });
    const reader = worktreeFileReader(worktree);
    expect(await reader('link/secret.txt')).toBeUndefined();
    // A link is its target text, as git stores it.
    expect(await reader('note')).toBe(join(outside, 'secret.txt'));

    // The commented file's folder becomes a link out: the comment is not judged by what is there.
    const comment = expectOk(comments.add({ taskId: 'task000001', path: 'src/nav.ts', line: 1, side: 'new', text: 'Rename', anchorText: 'export function go() {' }));
    expectOk(comments.composeFollowUp('task000001'));
    rmSync(join(worktree, 'src'), { recursive: true });
    symlinkSync(outside, join(worktree, 'src'));
    expect(expectOk(await comments.detectAddressed('task000001', reader))).toEqual([]);
    expect(expectOk(comments.list('task000001'))).toMatchObject([{ id: comment.id, status: 'sent', line: 1 }]);
  });
});
