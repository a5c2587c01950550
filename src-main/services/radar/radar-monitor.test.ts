import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Radar } from '../../../src-shared/contract';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { git } from '../../testing/git-fixtures';

describe('RadarMonitor', () => {
  it('recomputes by itself when the user commits on the base branch, and only then reports', async () => {
    const world = await agentWorld({ agents: { autoStart: false } });
    const { services, project, repo } = world;
    const task = await world.createTask('Tweak the answer');
    writeFileSync(join(task.workspace.path, 'src/index.ts'), 'export const answer = 41;\n');
    const first = expectOk(await services.radar.get(project.id));
    expect(first.tasks).toEqual([expect.objectContaining({ taskId: task.id, clean: true, conflicts: [] })]);
    const reported = world.recorder.of('radar.changed').length;

    // The user changes the same line in their own checkout and commits: nobody calls Braid.
    writeFileSync(join(repo, 'src/index.ts'), 'export const answer = 43;\n');
    git(repo, 'commit', '-qam', 'answer 43');
    await vi.waitFor(() => {
      const latest = world.recorder.of('radar.changed').at(-1)?.radar as Radar | undefined;
      expect(world.recorder.of('radar.changed').length).toBeGreaterThan(reported);
      expect(latest?.tasks).toEqual([expect.objectContaining({ taskId: task.id, clean: false, conflicts: ['src/index.ts'] })]);
    }, { timeout: 10_000, interval: 25 });
  });

  it('answers NOT_FOUND for a project it does not know', async () => {
    const world = await agentWorld({ agents: { autoStart: false } });
    expect(await world.services.radar.get('nosuchproject')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
