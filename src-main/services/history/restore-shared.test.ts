import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { buggy, fixed, greetingImplemented, reviewedClean, write } from '../review-role/review-world.fixture';

/** The greeting written with its bug (the implementer's first checkpoint), reviewed, then fixed by the implementer (its second). */
async function reviewedThenFixed() {
  const world = await agentWorld();
  const implement = await greetingImplemented(world);
  const review = await reviewedClean(world, implement.id);
  world.server.enqueue(write(fixed), { text: 'Fixed the name.' });
  expectOk(await world.services.agents.send(implement.id, 'The name is misspelt at line 2; fix it.'));
  await world.waitForEvent(implement.id, 'assistant_text', (event) => event.text.includes('Fixed the name.'));
  await world.waitForStatus(implement.id, 'done');
  const greeting = () => readFileSync(join(implement.workspace.path, 'src/greet.ts'), 'utf8');
  expect(greeting()).toBe(fixed);
  return { world, implement, review, greeting };
}

describe('checkpoints asked from a review task are the workspace owner’s', () => {
  it('the review’s view lists the implementer’s turns, and restoring one there puts back the implementer’s files', async () => {
    const { world, implement, review, greeting } = await reviewedThenFixed();
    const ownerTurns = expectOk(await world.services.history.listCheckpoints(implement.id)).map((checkpoint) => checkpoint.turn);
    expect(ownerTurns).toHaveLength(2);
    expect(expectOk(await world.services.history.listCheckpoints(review.id)).map((checkpoint) => checkpoint.turn)).toEqual(ownerTurns);

    const restored = expectOk(await world.services.history.restoreCheckpoint(review.id, ownerTurns[0]!));
    expect(restored).toMatchObject({ turn: ownerTurns[0], files: [{ path: 'src/greet.ts', kind: 'modified' }], backup: null });
    expect(greeting()).toBe(buggy);
    // Moving between the owner's checkpoints asks nothing, from either view.
    expectOk(await world.services.history.restoreCheckpoint(implement.id, ownerTurns[1]!));
    expect(greeting()).toBe(fixed);
  });

  it('is refused while any task on the workspace works in it, asked from either task; once stopped it goes ahead', async () => {
    const { world, implement, review, greeting } = await reviewedThenFixed();
    const [bugTurn] = expectOk(await world.services.history.listCheckpoints(implement.id)).map((checkpoint) => checkpoint.turn);
    world.server.enqueue({ text: 'Looking again…', fault: { kind: 'hang' } });
    expectOk(await world.services.agents.send(implement.id, 'Add a farewell too.'));
    await world.waitForStatus(implement.id, 'running');

    for (const asked of [review.id, implement.id]) {
      expect(await world.services.history.restoreCheckpoint(asked, bugTurn!, { force: true })).toMatchObject({
        ok: false,
        error: { code: 'BUSY', message: '“Greeting” is working in this workspace; stop it before restoring a checkpoint.' },
      });
    }
    expect(greeting()).toBe(fixed);

    expectOk(world.services.agents.stop(implement.id));
    await world.waitForStatus(implement.id, 'stopped');
    expectOk(await world.services.history.restoreCheckpoint(review.id, bugTurn!));
    expect(greeting()).toBe(buggy);
  });
});
