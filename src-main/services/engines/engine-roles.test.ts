import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-shared/contract';
import { fixtureEngine } from '../../testing/acp-fixture';
import { implementedGreeting } from '../review-role/review-world.fixture';
import { expectOk } from '../testing/services-fixture';

describe('which roles an external agent can take', () => {
  it('a plan or review task given a CLI in its own terminal (no ACP, so no Braid tools) is refused, and nothing is created', async () => {
    const { world, implement } = await implementedGreeting('off');
    const tui: Engine = { kind: 'tui', command: '/bin/sh', args: ['-c', 'true'] };
    const plan = await world.services.tasks.create({ projectId: world.project.id, title: 'A plan', prompt: 'Go', role: 'plan', engine: tui });
    // A review is started on the task it reviews.
    const review = await world.services.reviews.start({ taskId: implement.id, engine: tui });
    for (const [role, created] of [['plan', plan], ['review', review]] as const) {
      expect(created).toMatchObject({
        ok: false,
        error: { code: 'ENGINE_CANNOT_TAKE_ROLE', message: expect.stringContaining(`cannot run a ${role} task: a ${role} task ends by handing in its ${role}`) },
      });
    }
    expect(expectOk(world.services.tasks.list(world.project.id)).map((task) => task.id)).toEqual([implement.id]);
    // An implement task with the same CLI is fine.
    expectOk(await world.services.tasks.create({ projectId: world.project.id, title: 'Implement', prompt: '', role: 'implement', engine: tui }));
  });

  it('an ACP agent may take a plan or review task: Braid gives it the tools to hand its work in', async () => {
    const { world, implement } = await implementedGreeting('off');
    const engine = fixtureEngine({ turns: [[{ say: 'never' }]] });
    const plan = expectOk(await world.services.tasks.create({ projectId: world.project.id, title: 'A plan', prompt: '', role: 'plan', engine }));
    expect(plan.task).toMatchObject({ role: 'plan', engine });
    const review = expectOk(await world.services.reviews.start({ taskId: implement.id, engine }));
    expect(review).toMatchObject({ role: 'review', engine, reviewedTaskId: implement.id });
  });
});
