import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Project, Task } from '../../src-shared/contract';
import { createRepo, makeTempDir } from '../testing/git-fixtures';
import { createHost, type Host } from './create-host';

let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function data<T>(result: Promise<{ ok: boolean; data?: unknown; error?: { message: string } }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.error?.message);
  return settled.data as T;
}

describe('the audit trail over the contract', () => {
  it('pages a project’s entries newest first, confines a task scope to its project, and refuses an ambiguous scope', async () => {
    host = await createHost({ dataDir: makeTempDir('braid-audit-host-'), mode: 'web', version: 'test', production: false, env: {} });
    const running = host;
    const first = await data<Project>(running.dispatch('projects.add', { path: createRepo().path }));
    const other = await data<Project>(running.dispatch('projects.add', { path: createRepo().path }));
    const tasks: Task[] = [];
    for (const title of ['One', 'Two', 'Three']) tasks.push(await data<Task>(running.dispatch('tasks.create', { projectId: first.id, title })));
    const elsewhere = await data<Task>(running.dispatch('tasks.create', { projectId: other.id, title: 'Elsewhere' }));

    const newest = await data<{ entries: AuditEntry[]; hasMore: boolean }>(running.dispatch('audit.list', { projectId: first.id, limit: 2 }));
    expect(newest.entries.map((entry) => [entry.seq, entry.payload.title])).toEqual([
      [3, 'Three'],
      [2, 'Two'],
    ]);
    expect(newest.hasMore).toBe(true);
    const older = await data<{ entries: AuditEntry[]; hasMore: boolean }>(running.dispatch('audit.list', { projectId: first.id, beforeSeq: 2, limit: 2 }));
    expect(older).toMatchObject({ entries: [{ seq: 1, type: 'task.created', taskId: tasks[0]?.id }], hasMore: false });

    // Another project's task named under this project: nothing of it is shown.
    expect(await data(running.dispatch('audit.list', { projectId: first.id, taskId: elsewhere.id }))).toEqual({ entries: [], hasMore: false });
    const both = await running.dispatch('audit.list', { projectId: first.id, taskId: tasks[0]?.id, pipelineId: 'pipe000001' });
    expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/taskId or a pipelineId, not both/) } });
    expect(await running.dispatch('audit.verify', { projectId: 'gone000001' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
