import type { PlanVersion, Task } from '../../../src-shared/contract';
import { samplePlan, submitPlanTurn } from '../../testing/sample-plan';
import type { agentWorld } from './agent-fixture';
import { expectOk } from './services-fixture';

type World = Awaited<ReturnType<typeof agentWorld>>;

/**
 * A plan task whose agent submitted `plan` as v1 (the scripted model's next turn), approved by
 * the user: what `plans.implement` starts from.
 */
export async function approvedPlanTask(world: World, plan: unknown = samplePlan()): Promise<{ planTask: Task; version: PlanVersion }> {
  world.server.enqueue(submitPlanTurn(plan));
  const planTask = await world.createTask('Plan the navigation', 'Plan grouping the navigation', 'plan');
  await world.waitForStatus(planTask.id, 'plan_review');
  const version = expectOk(await world.services.plans.approve(planTask.id, 1));
  return { planTask: world.task(planTask.id), version };
}
