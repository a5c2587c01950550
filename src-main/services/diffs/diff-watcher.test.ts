import { onTestFinished, describe, expect, it, vi } from 'vitest';
import { expectOk } from '../testing/services-fixture';
import { watchWorkspace, type WorkspaceWatcher } from './diff-watcher';
import { makeWorkspace, type TestWorkspace } from '../testing/workspace-fixture';

/** A watcher on `ws` counting `onDirty` calls and examined batches; closed after the test. */
async function watched(ws: TestWorkspace) {
  const counts = { dirty: 0, batches: 0 };
  const watcher: WorkspaceWatcher = expectOk(
    await watchWorkspace({
      path: ws.path,
      debounceMs: 100,
      onDirty: () => counts.dirty++,
      onBatch: () => counts.batches++,
    }),
  );
  onTestFinished(() => watcher.close());
  /** Waits until changes so far were examined, then returns how many batches were dirty. */
  const settled = async (batches: number) => {
    await vi.waitFor(() => expect(counts.batches >= batches && watcher.idle).toBe(true));
    return counts.dirty;
  };
  return { counts, watcher, settled };
}

describe('watchWorkspace', () => {
  it('turns a burst of writes into one refresh', async () => {
    const ws = makeWorkspace();
    const { settled } = await watched(ws);
    for (let i = 0; i < 50; i++) ws.write({ [`src/file-${i}.ts`]: `export const n = ${i};\n` });
    expect(await settled(1)).toBe(1);
  });

  it('ignores git-ignored files and never enters ignored folders', async () => {
    const ws = makeWorkspace({ '.gitignore': 'node_modules/\n*.log\n', 'src/app.ts': 'a\n', 'node_modules/pkg/index.js': 'x\n' });
    const { counts, watcher, settled } = await watched(ws);
    expect(watcher.directories).toBe(2); // the root and src/, not node_modules/ or node_modules/pkg/

    ws.write({ 'src/debug.log': 'noise\n', 'node_modules/pkg/index.js': 'y\n', 'node_modules/new/deep/file.js': 'z\n' });
    ws.write({ 'build.log': 'noise\n' });
    expect(await settled(1)).toBe(0);

    ws.write({ 'src/app.ts': 'b\n' });
    expect(await settled(counts.batches + 1)).toBe(1);
  });

  it('watches folders created after it started', async () => {
    const ws = makeWorkspace();
    const { counts, settled } = await watched(ws);
    ws.write({ 'new/deep/file.txt': 'one\n' });
    expect(await settled(1)).toBe(1);
    ws.write({ 'new/deep/file.txt': 'two\n' });
    expect(await settled(counts.batches + 1)).toBe(2);
  });

  it('fails with a value when the folder is missing', async () => {
    const ws = makeWorkspace();
    const result = await watchWorkspace({ path: `${ws.path}-missing`, onDirty: () => undefined });
    expect(result).toMatchObject({ ok: false, error: { code: 'PATH_NOT_FOUND' } });
  });

  it('notices commits and staging, which change only the git directory', async () => {
    const ws = makeWorkspace();
    ws.write({ 'a.txt': 'a\n' });
    const { counts, settled } = await watched(ws);
    ws.git('add', 'a.txt');
    expect(await settled(1)).toBe(1);
    ws.git('commit', '--quiet', '-m', 'commit in the workspace');
    expect(await settled(counts.batches + 1)).toBe(2);
  });
});
