import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MergeOutcomeView } from '../../../src-shared/contract';
import { git } from '../../testing/git-fixtures';
import { expectOk } from '../testing/services-fixture';
import { implementedGreeting, reviewedClean } from '../review-role/review-world.fixture';

/**
 * The greeting's implementer, reviewed (its review task done, on the same workspace), while main
 * got its own src/greet.ts: merging the work back conflicts there.
 */
async function reviewedWorkBehindMain() {
  const { world, implement } = await implementedGreeting('off');
  const review = await reviewedClean(world, implement.id);
  writeFileSync(join(world.repo, 'src/greet.ts'), "export const greet = (name: string) => `Hi ${name}`;\n");
  git(world.repo, 'add', '-A');
  git(world.repo, 'commit', '-qm', 'main greets too');
  return { world, implement, review };
}

const conflictsOf = (outcome: MergeOutcomeView) => {
  if (outcome.status !== 'conflicts') throw new Error(`expected conflicts, got ${outcome.status}`);
  return outcome;
};

describe('“ask the agent to resolve” asked from a review task is the workspace owner’s', () => {
  it('the implementer’s agent is asked to resolve, never the reviewer', async () => {
    const { world, implement, review } = await reviewedWorkBehindMain();
    world.server.enqueue({ text: 'Resolved the greeting.' });
    const sentAt = world.timeline(implement.id).at(-1)!.seq;

    expect(expectOk(await world.services.merges.askAgent(review.id))).toEqual({ conflicts: ['src/greet.ts'], delivery: 'started' });
    const request = await world.waitForEvent(implement.id, 'user_message', (event) => event.seq > sentAt && event.text.includes('conflict markers'));
    expect(request.text).toContain('`src/greet.ts`');
    await world.waitForStatus(implement.id, 'done');
    expect(world.timeline(review.id).filter((event) => event.kind === 'user_message' && event.text.includes('conflict markers'))).toEqual([]);
    expect(readFileSync(join(implement.workspace.path, 'src/greet.ts'), 'utf8')).toContain('<<<<<<<');
  });

  it('a merge stopped at conflicts in the review’s merge dialog can be handed to the agent from there; another task cannot take it', async () => {
    const { world, implement, review } = await reviewedWorkBehindMain();
    const stopped = conflictsOf(expectOk(await world.services.merges.run({ taskId: review.id, strategy: 'merge', includeUncommitted: true })));

    world.server.enqueue({ text: 'Another task.' });
    const other = await world.createTask('Other', 'Something else');
    await world.waitForStatus(other.id, 'done');
    expect(await world.services.merges.askAgent(other.id, stopped.mergeId)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'That merge belongs to another task.' } });

    world.server.enqueue({ text: 'Resolved the greeting.' });
    const sentAt = world.timeline(implement.id).at(-1)!.seq;
    expect(expectOk(await world.services.merges.askAgent(review.id, stopped.mergeId))).toEqual({ conflicts: ['src/greet.ts'], delivery: 'started' });
    await world.waitForEvent(implement.id, 'user_message', (event) => event.seq > sentAt && event.text.includes('conflict markers'));
    await world.waitForStatus(implement.id, 'done');
    // The pending merge was given up: nothing is left to resolve in the dialog.
    expect(world.services.merges.conflicts(stopped.mergeId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
