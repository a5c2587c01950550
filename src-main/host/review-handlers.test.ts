import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Task } from '../../src-shared/contract';
import { createRepo, makeTempDir } from '../testing/git-fixtures';
import { createHost, type Host } from './create-host';

let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function hostWithTask(): Promise<{ host: Host; task: Task }> {
  host = await createHost({ dataDir: makeTempDir('braid-review-host-'), mode: 'web', version: 'test', production: false, env: {} });
  const repo = createRepo({ files: { 'README.md': '# app\n', 'src/a.ts': 'export const a = 1;\n' } });
  const project = await host.dispatch('projects.add', { path: repo.path });
  if (!project.ok) throw new Error(project.error.message);
  const created = await host.dispatch('tasks.create', { projectId: (project.data as { id: string }).id, title: 'Review me' });
  if (!created.ok) throw new Error(created.error.message);
  const taskId = (created.data as Task).id;
  for (;;) {
    const listed = await host.dispatch('tasks.list', { projectId: (project.data as { id: string }).id });
    const task = listed.ok ? (listed.data as Task[]).find((candidate) => candidate.id === taskId) : undefined;
    if (task && task.workspace.state !== 'creating') return { host, task };
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('review and history over the contract', () => {
  it('lists the workspace diff and opens one file as hunks with both texts', async () => {
    const { host, task } = await hostWithTask();
    writeFileSync(join(task.workspace.path, 'src/a.ts'), 'export const a = 2;\n');
    writeFileSync(join(task.workspace.path, 'notes.md'), 'new\nfile\n');
    const diff = await host.dispatch('review.diff', { taskId: task.id });
    expect(diff).toMatchObject({ ok: true, data: { totals: { files: 2 } } });
    const files = (diff as { data: { files: { path: string; status: string }[] } }).data.files;
    expect(files.map((file) => [file.path, file.status]).sort()).toEqual([
      ['notes.md', 'untracked'],
      ['src/a.ts', 'modified'],
    ]);
    const opened = await host.dispatch('review.fileDiff', { taskId: task.id, file: { path: 'src/a.ts' } });
    expect(opened).toMatchObject({
      ok: true,
      data: { language: 'typescript', oldText: 'export const a = 1;\n', newText: 'export const a = 2;\n', hunks: [{ oldStart: 1, newStart: 1 }] },
    });
  });

  it('never reads outside the worktree, whatever path the renderer sends', async () => {
    const { host, task } = await hostWithTask();
    for (const path of ['../../../../etc/passwd', '/etc/passwd', 'src/../../outside.txt', '.git/config']) {
      const result = await host.dispatch('review.fileDiff', { taskId: task.id, file: { path } });
      expect(JSON.stringify(result)).not.toContain('root:');
      if (result.ok) expect((result.data as { newText?: string }).newText ?? '').not.toMatch(/root:|\[core\]/);
    }
  });

  it('refuses paths through a link out of the worktree, a link loop or an overlong name, each with its own code', async () => {
    const { host, task } = await hostWithTask();
    const outside = makeTempDir('braid-outside-');
    writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET\n');
    symlinkSync(outside, join(task.workspace.path, 'link'));
    symlinkSync('loop', join(task.workspace.path, 'loop'));

    // The link is listed and shown as git stores it: its target text.
    const diff = await host.dispatch('review.diff', { taskId: task.id });
    const files = (diff as { data: { files: { path: string; newMode?: string }[] } }).data.files;
    expect(files.map((file) => [file.path, file.newMode])).toEqual([
      ['link', '120000'],
      ['loop', '120000'],
    ]);
    expect(await host.dispatch('review.fileDiff', { taskId: task.id, file: { path: 'link' } })).toMatchObject({ ok: true, data: { newText: outside } });

    const long = `src/${'b'.repeat(300)}.ts`;
    const lineOne = { oldStart: 0, oldLines: 0, newStart: 1, newLines: 1 };
    const codes: Record<string, string[]> = {};
    for (const path of ['link/secret.txt', 'loop/x.ts', long]) {
      const answers = [
        await host.dispatch('review.fileDiff', { taskId: task.id, file: { path } }),
        await host.dispatch('review.revertHunk', { taskId: task.id, path, hunk: 'file' }),
        await host.dispatch('review.revertHunk', { taskId: task.id, path, hunk: lineOne }),
        await host.dispatch('review.acceptHunk', { taskId: task.id, path, hunk: 'file' }),
        await host.dispatch('review.provenance', { taskId: task.id, path }),
        await host.dispatch('review.addComment', { taskId: task.id, path, line: 1, side: 'new', text: 'x', anchorText: null }),
      ];
      expect(JSON.stringify(answers)).not.toContain('TOP SECRET');
      codes[path.slice(0, 10)] = answers.map((answer) => (answer.ok ? 'ok' : answer.error.code));
    }
    expect(codes).toEqual({
      'link/secre': Array(6).fill('PATH_OUTSIDE_ROOT'),
      'loop/x.ts': Array(6).fill('SYMLINK_LOOP'),
      'src/bbbbbb': Array(6).fill('PATH_TOO_LONG'),
    });
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('TOP SECRET\n');
  });

  it('answers history and checkpoints for a fresh task, and refuses an unknown task', async () => {
    const { host, task } = await hostWithTask();
    expect(await host.dispatch('history.log', { taskId: task.id })).toMatchObject({ ok: true, data: { ahead: 0, behind: 0, commits: [] } });
    expect(await host.dispatch('history.checkpoints', { taskId: task.id })).toEqual({ ok: true, data: [] });
    expect(await host.dispatch('review.diff', { taskId: 'zzzzzzzzzz' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('accepts and reverts hunks, keeps comments, and reopens them when the agent cannot be reached', async () => {
    const { host, task } = await hostWithTask();
    writeFileSync(join(task.workspace.path, 'src/a.ts'), 'export const a = 2;\n');
    writeFileSync(join(task.workspace.path, 'scratch.txt'), 'throw me away\n');
    const provenance = await host.dispatch('review.provenance', { taskId: task.id, path: 'src/a.ts' });
    expect(provenance).toMatchObject({ ok: true, data: [{ hunk: { oldStart: 1, newStart: 1 }, provenance: { byHand: true } }] });
    const hunk = (provenance as { data: { hunk: { oldStart: number; oldLines: number; newStart: number; newLines: number } }[] }).data[0]?.hunk;
    const accepted = await host.dispatch('review.acceptHunk', { taskId: task.id, path: 'src/a.ts', hunk });
    expect(accepted).toMatchObject({ ok: true, data: { path: 'src/a.ts', commit: expect.stringMatching(/^[0-9a-f]{40}$/) } });
    expect(await host.dispatch('history.log', { taskId: task.id })).toMatchObject({ ok: true, data: { ahead: 1 } });
    expect(await host.dispatch('review.revertHunk', { taskId: task.id, path: 'scratch.txt', hunk: 'file' })).toEqual({ ok: true, data: { path: 'scratch.txt', removedFile: true } });
    // A hunk that is not there (any more) is refused by name, and nothing is committed.
    expect(await host.dispatch('review.acceptHunk', { taskId: task.id, path: 'src/a.ts', hunk: { oldStart: 40, oldLines: 1, newStart: 40, newLines: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'HUNK_CHANGED' },
    });

    const added = await host.dispatch('review.addComment', { taskId: task.id, path: 'src/a.ts', line: 1, side: 'new', text: 'Why 2?', anchorText: 'export const a = 2;' });
    expect(added).toMatchObject({ ok: true, data: { status: 'open', line: 1 } });
    // No model is configured in this host: the follow-up cannot go out, so the comment stays open.
    expect(await host.dispatch('review.sendComments', { taskId: task.id })).toMatchObject({ ok: false, error: { code: 'MODEL_NOT_CONFIGURED' } });
    expect(await host.dispatch('review.comments', { taskId: task.id })).toMatchObject({ ok: true, data: [{ text: 'Why 2?', status: 'open' }] });
    const id = (added as { data: { id: string } }).data.id;
    expect(await host.dispatch('review.editComment', { commentId: id, status: 'addressed' })).toMatchObject({ ok: true, data: { status: 'addressed' } });
    expect(await host.dispatch('review.deleteComment', { commentId: id })).toEqual({ ok: true, data: { deleted: true } });
    expect(await host.dispatch('review.deleteComment', { commentId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('previews, merges, marks merged and archives over the contract; radar and overview answer', async () => {
    const { host, task } = await hostWithTask();
    writeFileSync(join(task.workspace.path, 'src/a.ts'), 'export const a = 3;\n');
    const overview = await host.dispatch('review.overview', { projectId: task.projectId });
    expect(overview).toMatchObject({ ok: true, data: [{ taskId: task.id, files: 1, additions: 1, deletions: 1, commands: [], openComments: 0, error: null }] });
    expect(await host.dispatch('radar.get', { projectId: task.projectId })).toMatchObject({ ok: true, data: { pairs: [], tasks: [{ taskId: task.id, clean: true }] } });

    // The radar counts the uncommitted edit, and so does a preview with the defaults: they agree it merges.
    expect(await host.dispatch('merge.preview', { taskId: task.id, strategy: 'merge' })).toMatchObject({
      ok: true,
      data: { clean: true, blocked: null, includesUncommitted: true, uncommitted: [{ path: 'src/a.ts', status: 'M' }] },
    });
    const preview = await host.dispatch('merge.preview', { taskId: task.id, strategy: 'squash', includeUncommitted: true, message: 'Make a three' });
    expect(preview).toMatchObject({ ok: true, data: { targetBranch: 'main', clean: true, blocked: null, message: 'Make a three\n' } });
    const { targetCommit, workspaceHead } = (preview as { data: { targetCommit: string; workspaceHead: string } }).data;
    expect(await host.dispatch('merge.archive', { taskId: task.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const merged = await host.dispatch('merge.run', { taskId: task.id, strategy: 'squash', includeUncommitted: true, message: 'Make a three', expected: { targetCommit, workspaceHead } });
    expect(merged).toMatchObject({ ok: true, data: { status: 'merged', merged: { strategy: 'squash', targetBranch: 'main' } } });
    const listed = await host.dispatch('tasks.list', { projectId: task.projectId });
    expect((listed as { data: Task[] }).data[0]?.workspace.merged).toMatchObject({ strategy: 'squash' });
    expect(await host.dispatch('merge.abort', { mergeId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await host.dispatch('merge.archive', { taskId: task.id, keepBranch: true })).toEqual({ ok: true, data: { archived: true, branchDeleted: false } });
  });
});
