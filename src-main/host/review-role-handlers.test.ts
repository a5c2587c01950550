import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../src-shared/contract';
import { createRepo, makeTempDir } from '../testing/git-fixtures';
import { createHost, type Host } from './create-host';

let host: Host | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

describe('reviews over the contract', () => {
  it('refuses a blank dismissal reason, a blank "merge anyway" reason and an empty send before any handler runs; unknown findings and tasks are NOT_FOUND', async () => {
    host = await createHost({ dataDir: makeTempDir('braid-review-host-'), mode: 'web', version: 'test', production: false, env: {} });
    const pushed: EventName[] = [];
    host.subscribe((event) => pushed.push(event));
    expect(await host.dispatch('reviews.dismissFinding', { findingId: 'abcdefghij', reason: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('say why the finding is dismissed') } });
    expect(await host.dispatch('reviews.sendFindings', { findingIds: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('choose at least one finding') } });
    expect(await host.dispatch('merge.run', { taskId: 'abcdefghij', strategy: 'squash', override: { reason: ' ' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('say why the merge goes ahead anyway') },
    });
    expect(await host.dispatch('reviews.dismissFinding', { findingId: 'abcdefghij', reason: 'Intended' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await host.dispatch('reviews.sendFindings', { findingIds: ['abcdefghij'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await host.dispatch('reviews.start', { taskId: 'abcdefghij' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await host.dispatch('reviews.overview', { taskId: 'abcdefghij' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // The gate has three modes, nothing else.
    const project = (await host.dispatch('projects.add', { path: createRepo().path })) as { ok: true; data: { id: string } };
    expect(await host.dispatch('projects.pipelineSettings.set', { projectId: project.data.id, settings: { reviewGate: 'sometimes' } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(pushed).not.toContain('reviews.changed');
  });
});
