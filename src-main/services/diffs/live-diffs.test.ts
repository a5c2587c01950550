import { describe, expect, it, vi } from 'vitest';
import type { WorkspaceDiff } from './diff-types';
import { LiveDiffs } from './live-diffs';
import { makeWorkspace, type TestWorkspace } from '../testing/workspace-fixture';
import { workspaceDiff } from './workspace-diff';

function liveDiffsOver(workspaces: Record<string, TestWorkspace>) {
  const changes: { id: string; paths: string[] }[] = [];
  const computed: string[] = [];
  const live = new LiveDiffs({
    workspace: (id) => workspaces[id],
    onChange: (id, diff: WorkspaceDiff) => changes.push({ id, paths: diff.files.map((file) => file.path) }),
    debounceMs: 80,
    compute: (workspace) => {
      computed.push(Object.keys(workspaces).find((id) => workspaces[id] === workspace)!);
      return workspaceDiff(workspace);
    },
  });
  return { live, changes, computed };
}

describe('LiveDiffs', () => {
  it('reports the new file list of a visible workspace as the agent writes', async () => {
    const ws = makeWorkspace();
    const { live, changes } = liveDiffsOver({ a: ws });
    live.setVisible(['a']);
    expect((await live.watch('a')).ok).toBe(true);
    await vi.waitFor(() => expect(changes).toEqual([{ id: 'a', paths: [] }]));

    for (let i = 0; i < 20; i++) ws.write({ [`src/f${i}.ts`]: `${i}\n` });
    await vi.waitFor(() => expect(changes.at(-1)?.paths).toHaveLength(20));

    ws.remove('src');
    await vi.waitFor(() => expect(changes.at(-1)?.paths).toEqual([]));
    await live.close();
  });

  it('leaves workspaces off screen dirty until they are shown or asked for', async () => {
    const shown = makeWorkspace();
    const hidden = makeWorkspace();
    const { live, changes, computed } = liveDiffsOver({ shown, hidden });
    live.setVisible(['shown']);
    await live.watch('shown');
    await live.watch('hidden');
    await vi.waitFor(() => expect(computed).toEqual(['shown']));

    hidden.write({ 'hidden.txt': 'x\n' });
    shown.write({ 'shown.txt': 'y\n' });
    await vi.waitFor(() => expect(changes.at(-1)).toEqual({ id: 'shown', paths: ['shown.txt'] }));
    expect(computed).not.toContain('hidden');
    expect(live.isDirty('hidden')).toBe(true);
    expect(live.latest('hidden')).toBeUndefined();

    live.setVisible(['hidden']);
    await vi.waitFor(() => expect(changes.at(-1)).toEqual({ id: 'hidden', paths: ['hidden.txt'] }));
    expect(live.latest('hidden')?.files.map((file) => file.path)).toEqual(['hidden.txt']);
    await live.close();
    expect((await live.refresh('shown')).ok).toBe(false);
  });
});
