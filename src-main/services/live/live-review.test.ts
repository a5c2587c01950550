import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Task } from '../../../src-shared/contract';
import { makeWorkspace, type TestWorkspace } from '../testing/workspace-fixture';
import { workspaceDiff } from '../diffs/workspace-diff';
import { DomainEventBus } from '../events';
import { RadarMonitor } from '../radar/radar-monitor';
import { openStore } from '../store/store';
import { recordingEmit } from '../testing/recording-emit';
import { git, writeFiles } from '../../testing/git-fixtures';
import { tempFolder } from '../testing/temp-folders';
import { LiveReview } from './live-review';

/** LiveReview over a real store with two tasks in two real worktrees of one repository, counting diff runs. */
function world() {
  const first = makeWorkspace();
  const store = openStore(tempFolder('braid-live-data-'));
  onTestFinished(() => store.close());
  store.projects.insert({ id: 'proj000001', name: 'app', path: first.repo, defaultBranch: 'main', createdAt: 1 });
  const workspaces: Record<string, TestWorkspace> = {};
  for (const [index, name] of ['shown', 'hidden'].entries()) {
    const ws = index === 0 ? first : addWorktree(first, name);
    workspaces[name] = ws;
    store.workspaces.insert({ id: `work${name}`, projectId: 'proj000001', path: ws.path, branch: `braid/${name}`, baseBranch: 'main', baseCommit: ws.baseCommit, state: 'ready', stateReason: null, branchExists: true, createdAt: 2 });
    store.tasks.insert({ id: `task${name}`, projectId: 'proj000001', workspaceId: `work${name}`, title: name, prompt: '', role: 'implement', createdAt: 3 });
  }
  const recorder = recordingEmit();
  const events = new DomainEventBus();
  const radar = new RadarMonitor({ store, now: () => 1, onChange: () => undefined, events });
  const computed: string[] = [];
  const live = new LiveReview({
    store,
    emit: recorder.emit,
    radar,
    events,
    debounceMs: 50,
    compute: (workspace) => {
      computed.push(Object.keys(workspaces).find((name) => workspaces[name]!.path === workspace.path)!);
      return workspaceDiff(workspace);
    },
  });
  onTestFinished(async () => {
    await live.close();
    await radar.close();
  });
  const task = (name: string): Task => store.tasks.get(`task${name}`)!;
  return { store, live, events, workspaces, computed, recorder, task };
}

/** A second worktree of the same repository on its own branch. */
function addWorktree(of: TestWorkspace, name: string): TestWorkspace {
  const path = join(tempFolder('braid-live-ws-'), name);
  git(of.repo, 'worktree', 'add', '--quiet', '-b', `braid/${name}`, path, 'main');
  return { ...of, path, write: (files) => writeFiles(path, files as Record<string, string>) };
}

describe('LiveReview', () => {
  it('leaves a working agent’s workspace off screen dirty when Braid moves it, and reads it when shown', async () => {
    const { store, live, events, workspaces, computed, recorder, task } = world();
    expect((await live.setVisible('taskshown')).ok).toBe(true);
    store.tasks.setStatus('taskhidden', 'running', null);
    await events.publish('task.changed', { task: task('hidden') });
    await vi.waitFor(() => expect(computed).toEqual(['shown']), { timeout: 10_000, interval: 10 });

    // The hidden agent's turn ends (a checkpoint, a hunk action...): no diff is computed for it.
    workspaces.hidden!.write({ 'made-by-agent.txt': 'work\n' });
    await events.publish('agent.turnEnded', { taskId: 'taskhidden', workspaceId: 'workhidden', turn: 1 });
    expect(computed).toEqual(['shown']);

    // Shown, it is read, and its files reach the screen.
    expect((await live.setVisible('taskhidden')).ok).toBe(true);
    await vi.waitFor(() => {
      const pushed = recorder.of('review.diffChanged').filter((event) => event.taskId === 'taskhidden').at(-1);
      expect(pushed?.diff.files.map((file) => file.path)).toEqual(['made-by-agent.txt']);
    }, { timeout: 10_000, interval: 10 });
  });
});
