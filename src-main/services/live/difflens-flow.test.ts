import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Radar } from '../../../src-shared/contract';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { git } from '../../testing/git-fixtures';

const line = (n: number, text: string) => Array.from({ length: 12 }, (_, i) => (i + 1 === n ? text : `line ${i + 1}`)).join('\n') + '\n';

/** The whole DiffLens path through the services facade: agents edit, radar, merge, conflicts, comments. */
describe('DiffLens through the services', () => {
  it('two agents edit the same line: radar overlap, first merges, second conflicts, resolved by hand, base has both', async () => {
    const world = await agentWorld();
    const { services, project, repo } = world;
    writeFileSync(join(repo, 'shared.txt'), line(0, ''));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'shared file');
    world.server.enqueue(
      { toolCalls: [{ id: 'a1', name: 'write_file', args: { path: 'shared.txt', content: line(5, 'from A') } }] },
      { text: 'A done.' },
      { toolCalls: [{ id: 'b1', name: 'write_file', args: { path: 'shared.txt', content: line(5, 'from B') } }] },
      { text: 'B done.' },
    );
    const a = await world.createTask('Task A', 'Change line 5');
    await world.waitForStatus(a.id, 'done');
    const b = await world.createTask('Task B', 'Change line 5 too');
    await world.waitForStatus(b.id, 'done');

    const radar = expectOk(await services.radar.get(project.id));
    expect(radar.pairs).toEqual([{ a: a.id, b: b.id, files: [{ path: 'shared.txt', ranges: [[5, 5]], wholeFile: false }] }]);
    expect(radar.tasks.map((t) => [t.taskId, t.clean])).toEqual([
      [a.id, true],
      [b.id, true],
    ]);

    const overview = expectOk(await services.review.overview(project.id));
    expect(overview.find((s) => s.taskId === a.id)).toMatchObject({ files: 1, additions: 1, deletions: 1, error: null });

    const preview = expectOk(await services.merges.preview({ taskId: a.id, strategy: 'squash', includeUncommitted: true }));
    expect(preview).toMatchObject({ targetBranch: 'main', clean: true, includesUncommitted: true });
    expect(preview.files.map((f) => f.path)).toEqual(['shared.txt']);
    const merged = expectOk(
      await services.merges.run({ taskId: a.id, strategy: 'squash', includeUncommitted: true, expected: { targetCommit: preview.targetCommit, workspaceHead: preview.workspaceHead } }),
    );
    expect(merged.status).toBe('merged');
    expect(world.task(a.id).workspace.merged).toMatchObject({ strategy: 'squash', targetBranch: 'main' });
    expect(world.recorder.of('tasks.changed').some((e) => e.task.id === a.id && e.task.workspace.merged !== null)).toBe(true);

    // The base moved: the radar now says B conflicts (the change arrives as an event too).
    await vi.waitFor(() => {
      const latest = world.recorder.of('radar.changed').at(-1)?.radar as Radar | undefined;
      const verdict = latest?.tasks.find((t) => t.taskId === b.id);
      if (!verdict || verdict.clean) throw new Error('radar has not seen the merge yet');
      expect(verdict.conflicts).toEqual(['shared.txt']);
      // A merged workspace leaves the radar.
      expect(latest?.tasks.map((t) => t.taskId)).toEqual([b.id]);
    }, { timeout: 10_000, interval: 20 });

    const conflicted = expectOk(await services.merges.run({ taskId: b.id, strategy: 'merge', includeUncommitted: true }));
    if (conflicted.status !== 'conflicts') throw new Error('expected conflicts');
    expect(conflicted.conflicts[0]).toMatchObject({ path: 'shared.txt' });
    expect(conflicted.conflicts[0]?.ours?.text).toContain('from A');
    expect(conflicted.conflicts[0]?.theirs?.text).toContain('from B');
    const again = expectOk(services.merges.conflicts(conflicted.mergeId));
    expect(again.taskId).toBe(b.id);

    const done = expectOk(await services.merges.resolve(conflicted.mergeId, [{ path: 'shared.txt', content: line(5, 'from A and B') }]));
    expect(done.status).toBe('merged');
    expect(git(repo, 'show', 'main:shared.txt')).toContain('from A and B');
    expect(readFileSync(join(repo, 'shared.txt'), 'utf8')).toContain('from A and B');

    const archived = expectOk(await services.merges.archive(a.id, false));
    expect(archived).toEqual({ archived: true, branchDeleted: true });
    expect(git(repo, 'branch', '--list', a.workspace.branch)).toBe('');
    expect(git(repo, 'fsck', '--no-dangling', '--no-progress')).toBe('');
  });

  it('comments go to the agent as one follow-up, and a changed line marks them addressed', async () => {
    const world = await agentWorld();
    const { services } = world;
    world.server.enqueue(
      { toolCalls: [{ id: 'w', name: 'write_file', args: { path: 'greet.ts', content: 'export const greet = () => "hi";\n' } }] },
      { text: 'Wrote it.' },
      { toolCalls: [{ id: 'e', name: 'edit_file', args: { path: 'greet.ts', old_text: '"hi"', new_text: '"hello"' } }] },
      { text: 'Changed the greeting.' },
    );
    const task = await world.createTask('Greeting', 'Write greet.ts');
    await world.waitForStatus(task.id, 'done');

    const comment = expectOk(
      services.review.comments.add({ taskId: task.id, path: 'greet.ts', line: 1, side: 'new', text: 'Say hello, not hi', anchorText: 'export const greet = () => "hi";' }),
    );
    expect(world.recorder.of('review.commentsChanged').at(-1)?.comments.map((c) => c.status)).toEqual(['open']);
    const sent = expectOk(await services.review.sendComments(task.id));
    expect(sent).toEqual({ sent: 1, delivery: 'started' });
    const followUp = await world.waitForEvent(task.id, 'user_message', (event) => event.text.includes('Say hello, not hi'));
    expect(followUp.text).toContain('greet.ts');
    await world.waitForEvent(task.id, 'assistant_text', (event) => event.text.includes('Changed the greeting.'));
    await world.waitForStatus(task.id, 'done');

    await vi.waitFor(() => {
      const comments = expectOk(services.review.comments.list(task.id));
      expect(comments).toMatchObject([{ id: comment.id, status: 'addressed' }]);
    }, { timeout: 10_000, interval: 20 });
    expect(world.recorder.of('review.commentsChanged').at(-1)?.comments[0]?.status).toBe('addressed');

    // With nothing open, there is nothing to send (and no message to the agent).
    expect(await services.review.sendComments(task.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('asks the agent to resolve: conflict markers land in the workspace, the agent is told where, commit completes the merge', async () => {
    const world = await agentWorld();
    const { services, repo } = world;
    writeFileSync(join(repo, 'config.txt'), 'mode = slow\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'config');
    world.server.enqueue(
      { toolCalls: [{ id: 'w', name: 'write_file', args: { path: 'config.txt', content: 'mode = fast\n' } }] },
      { text: 'Made it fast.' },
      { toolCalls: [{ id: 'r', name: 'write_file', args: { path: 'config.txt', content: 'mode = fast\nretries = 3\n' } }] },
      { text: 'Resolved: kept fast and the new retries.' },
    );
    const task = await world.createTask('Speed', 'Make it fast');
    await world.waitForStatus(task.id, 'done');
    // Meanwhile the user changes the same line on main.
    writeFileSync(join(repo, 'config.txt'), 'mode = medium\nretries = 3\n');
    git(repo, 'commit', '-qam', 'medium with retries');

    const asked = expectOk(await services.merges.askAgent(task.id));
    expect(asked).toEqual({ conflicts: ['config.txt'], delivery: 'started' });
    const request = await world.waitForEvent(task.id, 'user_message', (event) => event.text.includes('conflict markers'));
    expect(request.text).toContain('`config.txt`');
    await world.waitForEvent(task.id, 'assistant_text', (event) => event.text.includes('Resolved'));
    await world.waitForStatus(task.id, 'done');
    expect(expectOk(await services.history.history(task.id)).mergeInProgress).toEqual({ conflicted: ['config.txt'], unresolved: [] });

    const committed = expectOk(await services.history.commit(task.id, { message: 'Merge main, keep fast' }));
    expect(expectOk(await services.history.history(task.id)).mergeInProgress).toBeNull();
    expect(committed.sha).toMatch(/^[0-9a-f]{40}$/);
    // A real merge commit: the base is now an ancestor, so merging back is clean.
    expect(git(task.workspace.path, 'rev-list', '--parents', '-n', '1', 'HEAD').split(' ')).toHaveLength(3);
    const preview = expectOk(await services.merges.preview({ taskId: task.id, strategy: 'merge', includeUncommitted: false }));
    expect(preview).toMatchObject({ clean: true, conflicts: [] });
    expect(readFileSync(join(task.workspace.path, 'config.txt'), 'utf8')).toBe('mode = fast\nretries = 3\n');
  });

  it('will not commit a merge whose files still have conflict markers', async () => {
    const world = await agentWorld();
    const { services, repo } = world;
    world.server.enqueue(
      { toolCalls: [{ id: 'w', name: 'write_file', args: { path: 'src/index.ts', content: 'export const answer = 41;\n' } }] },
      { text: 'Changed.' },
      { text: 'I looked, but I will leave the markers to you.' },
    );
    const task = await world.createTask('Answer', 'Change the answer');
    await world.waitForStatus(task.id, 'done');
    writeFileSync(join(repo, 'src/index.ts'), 'export const answer = 43;\n');
    git(repo, 'commit', '-qam', 'answer 43');

    expect(expectOk(await services.merges.askAgent(task.id)).conflicts).toEqual(['src/index.ts']);
    await world.waitForEvent(task.id, 'assistant_text', (event) => event.text.includes('leave the markers'));
    await world.waitForStatus(task.id, 'done');
    expect(expectOk(await services.history.history(task.id)).mergeInProgress).toEqual({ conflicted: ['src/index.ts'], unresolved: ['src/index.ts'] });
    const refused = await services.history.commit(task.id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'MERGE_CONFLICTS_UNRESOLVED', details: { files: ['src/index.ts'] } } });
    expect(readFileSync(join(task.workspace.path, 'src/index.ts'), 'utf8')).toContain('<<<<<<<');

    // Asking again while the merge waits does not start a second one.
    world.server.enqueue({ text: 'Still there.' });
    expect(expectOk(await services.merges.askAgent(task.id)).conflicts).toEqual(['src/index.ts']);
    await world.waitForStatus(task.id, 'done');

    writeFileSync(join(task.workspace.path, 'src/index.ts'), 'export const answer = 42;\n');
    expect(expectOk(await services.history.history(task.id)).mergeInProgress).toEqual({ conflicted: ['src/index.ts'], unresolved: [] });
    expectOk(await services.history.commit(task.id));
    expect(git(task.workspace.path, 'rev-list', '--parents', '-n', '1', 'HEAD').split(' ')).toHaveLength(3);
  });

  it('pushes the visible task’s diff as its files change', async () => {
    const world = await agentWorld();
    world.server.enqueue({ text: 'Nothing to do.' });
    const task = await world.createTask('Watch me', 'hello');
    await world.waitForStatus(task.id, 'done');
    expectOk(await world.services.live.setVisible(task.id));
    writeFileSync(join(task.workspace.path, 'live.txt'), 'appeared\n');
    await vi.waitFor(() => {
      const pushed = world.recorder.of('review.diffChanged').filter((e) => e.taskId === task.id).at(-1);
      expect(pushed?.diff.files.map((f) => f.path)).toContain('live.txt');
    }, { timeout: 10_000, interval: 20 });
    // An edit that keeps the +/- counts is pushed too: the open file's contents changed.
    const before = world.recorder.of('review.diffChanged').length;
    writeFileSync(join(task.workspace.path, 'live.txt'), 'replaced\n');
    await vi.waitFor(() => expect(world.recorder.of('review.diffChanged').length).toBeGreaterThan(before), { timeout: 10_000, interval: 20 });
    expectOk(await world.services.live.setVisible(null));
  });

  it('remembers a task made visible while its worktree is still being created', async () => {
    const world = await agentWorld({ agents: { autoStart: false } });
    const created = expectOk(await world.services.tasks.create({ projectId: world.project.id, title: 'Early look', prompt: '', role: 'implement' }));
    expect(created.task.workspace.state).toBe('creating');
    expect(await world.services.live.setVisible(created.task.id)).toEqual({ ok: true, data: { visible: created.task.id } });
    const task = await created.settled;
    // The first diff arrives once the worktree is there, without asking again.
    await vi.waitFor(() => expect(world.recorder.of('review.diffChanged').some((e) => e.taskId === task.id)).toBe(true), { timeout: 10_000, interval: 20 });
    writeFileSync(join(task.workspace.path, 'early.txt'), 'seen\n');
    await vi.waitFor(() => {
      const pushed = world.recorder.of('review.diffChanged').filter((e) => e.taskId === task.id).at(-1);
      expect(pushed?.diff.files.map((f) => f.path)).toEqual(['early.txt']);
    }, { timeout: 10_000, interval: 20 });
  });
});
