import { writeFileSync } from 'node:fs';
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

  it('answers history and checkpoints for a fresh task, and refuses an unknown task', async () => {
    const { host, task } = await hostWithTask();
    expect(await host.dispatch('history.log', { taskId: task.id })).toMatchObject({ ok: true, data: { ahead: 0, behind: 0, commits: [] } });
    expect(await host.dispatch('history.checkpoints', { taskId: task.id })).toEqual({ ok: true, data: [] });
    expect(await host.dispatch('review.diff', { taskId: 'zzzzzzzzzz' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
