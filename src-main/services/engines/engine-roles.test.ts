import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-shared/contract';
import { fixtureEngine } from '../../testing/acp-fixture';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';

describe('which roles an external agent can take', () => {
  it('a plan or review task given a CLI in its own terminal (no ACP, so no Braid tools) is refused, and nothing is created', async () => {
    const world = await agentWorld();
    const tui: Engine = { kind: 'tui', command: '/bin/sh', args: ['-c', 'true'] };
    for (const role of ['plan', 'review'] as const) {
      const created = await world.services.tasks.create({ projectId: world.project.id, title: `A ${role}`, prompt: 'Go', role, engine: tui });
      expect(created).toMatchObject({
        ok: false,
        error: { code: 'ENGINE_CANNOT_TAKE_ROLE', message: expect.stringContaining(`cannot run a ${role} task: a ${role} task ends by handing in its ${role}`) },
      });
    }
    expect(expectOk(world.services.tasks.list(world.project.id))).toEqual([]);
    // An implement task with the same CLI is fine.
    expectOk(await world.services.tasks.create({ projectId: world.project.id, title: 'Implement', prompt: '', role: 'implement', engine: tui }));
  });

  it('an ACP agent may take a plan or review task: Braid gives it the tools to hand its work in', async () => {
    const world = await agentWorld();
    const engine = fixtureEngine({ turns: [[{ say: 'never' }]] });
    for (const role of ['plan', 'review'] as const) {
      const created = expectOk(await world.services.tasks.create({ projectId: world.project.id, title: `A ${role}`, prompt: '', role, engine }));
      expect(created.task).toMatchObject({ role, engine });
    }
  });
});
