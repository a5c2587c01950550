import { describe, expect, it, onTestFinished } from 'vitest';
import { fail } from '../../../src-shared/contract';
import { createHistoryService } from '../history';
import { asFile, makeWorkspace, numberedLines } from '../testing/workspace-fixture';
import { RepoQueue } from '../git/repo-queue';
import { openStore } from '../store/store';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';
import { createWorkspaceContext } from '../workspaces/context';
import { createReviewService } from './index';

/** The services as the facade would build them, over a stored task whose worktree is real. */
function world() {
  const ws = makeWorkspace({ 'src/nav.ts': asFile(numberedLines(10)) });
  const store = openStore(tempFolder('braid-review-data-'));
  onTestFinished(() => store.close());
  store.projects.insert({ id: 'proj000001', name: 'app', path: ws.repo, defaultBranch: 'main', createdAt: 1 });
  store.workspaces.insert({ id: 'work000001', projectId: 'proj000001', path: ws.handle.path, branch: 'braid/task', baseBranch: 'main', baseCommit: ws.handle.baseCommit, state: 'ready', stateReason: null, branchExists: true, createdAt: 2 });
  store.tasks.insert({ id: 'task000001', projectId: 'proj000001', workspaceId: 'work000001', title: 'nav', prompt: '', role: 'implement', createdAt: 3 });
  const context = createWorkspaceContext({ store, worktreesRoot: tempFolder(), now: () => 1000, queue: new RepoQueue(), emit: () => undefined });
  const review = createReviewService(context, {
    emit: () => undefined,
    sendToAgent: async () => fail('UNSUPPORTED', 'No agent runs in this test.'),
    diff: async () => fail('UNSUPPORTED', 'No diff is read in this test.'),
  });
  return { ws, store, review, history: createHistoryService(context) };
}

describe('review and history services by task id', () => {
  it('accept a hunk, attribute it, and find comments addressed in the task’s worktree', async () => {
    const { ws, store, review, history } = world();
    const lines = numberedLines(10);
    lines[1] = 'const renamed = 2;';
    ws.write({ 'src/nav.ts': asFile(lines) });
    store.timeline.append('task000001', { kind: 'assistant_text', step: 1, text: 'Renaming.' }, 1);
    store.timeline.append('task000001', { kind: 'tool_call', step: 1, callId: 'c1', name: 'edit_file', args: { path: 'src/nav.ts', old_text: 'line 2', new_text: 'const renamed = 2;' } }, 1);
    store.timeline.append('task000001', { kind: 'tool_result', callId: 'c1', isError: false, text: 'ok', durationMs: 1 }, 1);

    expect(expectOk(await review.fileProvenance('task000001', 'src/nav.ts'))).toEqual([
      { hunk: { oldStart: 1, oldLines: 5, newStart: 1, newLines: 5 }, provenance: { byHand: false, step: 1, callId: 'c1', toolName: 'edit_file', precedingText: 'Renaming.' } },
    ]);

    const comment = expectOk(review.comments.add({ taskId: 'task000001', path: 'src/nav.ts', line: 2, side: 'new', text: 'Better name?', anchorText: 'const renamed = 2;' }));
    expectOk(review.comments.composeFollowUp('task000001'));
    expectOk(await review.acceptHunk('task000001', { path: 'src/nav.ts', hunk: { oldStart: 1, oldLines: 5, newStart: 1, newLines: 5 } }));
    expect(expectOk(await history.history('task000001')).commits.map((commit) => commit.subject)).toEqual(['Update nav.ts (lines 1-5)']);

    lines[1] = 'const navigationTarget = 2;';
    ws.write({ 'src/nav.ts': asFile(lines) });
    expect(expectOk(await review.comments.detectAddressed('task000001')).map((found) => found.id)).toEqual([comment.id]);
  });

  it('name a renamed file’s hunks for provenance exactly as DiffLens shows them', async () => {
    const { ws, store, review } = world();
    ws.git('mv', 'src/nav.ts', 'src/route.ts');
    ws.git('commit', '--quiet', '-m', 'rename');
    const lines = numberedLines(10);
    lines[7] = 'const target = 8;';
    ws.write({ 'src/route.ts': asFile(lines) });
    store.timeline.append('task000001', { kind: 'tool_call', step: 1, callId: 'c1', name: 'edit_file', args: { path: 'src/route.ts', old_text: 'line 8', new_text: 'const target = 8;' } }, 1);
    store.timeline.append('task000001', { kind: 'tool_result', callId: 'c1', isError: false, text: 'ok', durationMs: 1 }, 1);

    const shown = expectOk(await review.fileDiff('task000001', { path: 'src/route.ts', oldPath: 'src/nav.ts' }));
    const attributed = expectOk(await review.fileProvenance('task000001', 'src/route.ts', { oldPath: 'src/nav.ts' }));
    expect(attributed.map((entry) => entry.hunk)).toEqual(shown.hunks.map(({ oldStart, oldLines, newStart, newLines }) => ({ oldStart, oldLines, newStart, newLines })));
    expect(attributed).toEqual([{ hunk: { oldStart: 5, oldLines: 6, newStart: 5, newLines: 6 }, provenance: expect.objectContaining({ byHand: false, callId: 'c1' }) }]);
  });

  it('refuse a workspace that is not ready', async () => {
    const { store, review, history } = world();
    store.workspaces.setState('work000001', { state: 'missing', stateReason: 'The folder was deleted.' });
    const results = [await review.acceptHunk('task000001', { path: 'src/nav.ts', hunk: 'file' }), await history.createCheckpoint('task000001', 1)];
    expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(['WORKSPACE_NOT_READY', 'WORKSPACE_NOT_READY']);
  });
});
