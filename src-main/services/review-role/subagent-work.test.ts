import { describe, expect, it, vi } from 'vitest';
import { git } from '../../testing/git-fixtures';
import { agentMarkdown, scriptAgents, writeAgentFile } from '../../testing/subagent-script';
import { expectOk } from '../testing/services-fixture';
import { childrenOf, waitLong } from '../subagents/subagent-world.fixture';
import { fixed, implementedGreeting, p1AtLine2, submit, write } from './review-world.fixture';

/**
 * The greeting's implementer with a P1 finding from its review (the gate on block), and a
 * subagent's task it started afterwards in its workspace: whatever is asked from the subagent's
 * task is about its parent's work.
 */
async function reviewedWorkWithSubagent() {
  const { world, implement } = await implementedGreeting('block');
  world.server.enqueue(submit({ verdict: 'incorrect', explanation: 'Throws.', confidence: 0.9, findings: [p1AtLine2] }));
  const review = expectOk(await world.services.reviews.start({ taskId: implement.id }));
  await world.waitForStatus(review.id, 'done');
  const [finding] = expectOk(world.services.reviews.overview(implement.id)).findings;

  writeAgentFile(world.repo, 'helper.md', agentMarkdown({ name: 'helper', description: 'Looks at the greeting' }, 'Look at it.'));
  world.server.enqueue({ toolCalls: [{ id: 'd1', name: 'delegate', args: { agent: 'helper', prompt: 'Look at src/greet.ts' } }] }, { text: 'It throws.' }, { text: 'The helper looked.' });
  const sentAt = world.timeline(implement.id).at(-1)!.seq;
  expectOk(await world.services.agents.send(implement.id, 'Have the helper look at it'));
  await world.waitForEvent(implement.id, 'status', (event) => event.seq > sentAt && event.status === 'done');
  const [helper] = childrenOf(world, implement.id);
  return { world, implement, review, helper: helper!, finding: finding! };
}

describe('a subagent’s task works for its parent: what is asked from it is about the parent’s work', () => {
  it('a merge asked from the subagent’s task is the parent’s: the parent’s review gate blocks it', async () => {
    const { world, helper, finding } = await reviewedWorkWithSubagent();
    const mainBefore = git(world.repo, 'rev-parse', 'main');
    const request = { taskId: helper.id, strategy: 'squash' as const, includeUncommitted: true };

    expect(expectOk(await world.services.merges.preview(request)).reviewGate).toMatchObject({ verdict: 'blocked', findings: [{ id: finding.id }] });
    expect(await world.services.merges.run(request)).toMatchObject({ ok: false, error: { code: 'REVIEW_GATE_BLOCKED', details: { findings: [{ id: finding.id }] } } });
    expect(git(world.repo, 'rev-parse', 'main')).toBe(mainBefore);
  });

  it('reviews asked from the subagent’s task are the parent’s: its findings and gate, and a new review of its work', async () => {
    const { world, implement, review, helper, finding } = await reviewedWorkWithSubagent();
    expect(expectOk(world.services.reviews.overview(helper.id))).toMatchObject({
      reviewedTaskId: implement.id,
      reviewTasks: [{ id: review.id }],
      findings: [{ id: finding.id }],
      gate: { verdict: 'blocked' },
    });

    world.server.enqueue(submit({ verdict: 'incorrect', explanation: 'Still throws.', confidence: 0.9, findings: [], resolved: [{ findingId: finding.id, fixed: false }] }));
    const second = expectOk(await world.services.reviews.start({ taskId: helper.id }));
    expect(second).toMatchObject({ reviewedTaskId: implement.id, title: 'Review: Greeting', workspace: { id: implement.workspace.id } });
    await world.waitForStatus(second.id, 'done');
    expect(expectOk(world.services.reviews.overview(implement.id)).reviewTasks.map((task) => task.id)).toEqual([review.id, second.id]);
  });

  it('DiffLens lists the workspace once, under the parent', async () => {
    const { world, implement } = await reviewedWorkWithSubagent();
    expect(expectOk(await world.services.review.overview(world.project.id)).map((line) => line.taskId)).toEqual([implement.id]);
  });

  it('a subagent that changes a finding’s lines makes it likely addressed, while its parent still waits for another', async () => {
    const { world, implement, finding } = await reviewedWorkWithSubagent();
    writeAgentFile(world.repo, 'fixer.md', agentMarkdown({ name: 'fixer', description: 'Fixes the greeting' }, 'Fix it.'));
    writeAgentFile(world.repo, 'slow.md', agentMarkdown({ name: 'slow', description: 'Takes long' }, 'Work.'));
    scriptAgents(world.server, {
      parent: [{ toolCalls: [{ id: 'd2', name: 'delegate', args: { agent: 'fixer', prompt: 'Fix line 2' } }, { id: 'd3', name: 'delegate', args: { agent: 'slow', prompt: 'Wait' } }] }],
      fixer: [write(fixed), { text: 'Fixed.' }],
      slow: [{ text: 'Working', fault: { kind: 'hang' } }],
    });
    expectOk(await world.services.agents.send(implement.id, 'Have it fixed'));

    await vi.waitFor(() => expect(expectOk(world.services.reviews.overview(implement.id)).findings).toMatchObject([{ id: finding.id, status: 'addressed' }]), waitLong);
    expect(world.task(implement.id).agent.status).toBe('running');
  });
});
