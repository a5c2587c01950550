import { join } from 'node:path';
import { vi } from 'vitest';
import type { PipelineView } from '../../../src-shared/contract';
import { createRepo } from '../../testing/git-fixtures';
import { lastOf, pipelineRepoFiles, toolsOf } from '../../testing/pipeline-agents';
import { samplePlan, submitPlanTurn } from '../../testing/sample-plan';
import type { Services } from '../index';
import { agentWorld } from '../testing/agent-fixture';
import { expectOk } from '../testing/services-fixture';
import { tempFolder } from '../testing/temp-folders';

/** Reads the pipeline's view until `until` holds (what it waited for, and where the stages were, if it never does). */
export async function waitForView(services: Services, pipelineId: string, until: (view: PipelineView) => boolean, what: string): Promise<PipelineView> {
  let view: PipelineView | undefined;
  await vi.waitFor(
    () => {
      view = expectOk(services.pipelines.get(pipelineId));
      if (!until(view)) {
        const stages = { plan: view.plan?.state, implement: view.implement.map((s) => s.state), reviews: view.reviews.map((s) => [s.state, s.note]), merges: view.merges.map((s) => s.state) };
        throw new Error(`waiting for ${what}; the pipeline is at ${view.stage}: ${JSON.stringify(stages)}`);
      }
    },
    { timeout: 20_000, interval: 10 },
  );
  return view!;
}

/**
 * A pipeline whose plan has one step, approved: one implement task that writes src/nav.ts (and,
 * asked for more, src/more.ts); its reviewer finds nothing. Returns once `until` holds of the
 * view after the approval.
 */
export async function oneStepPipeline(settings: { checkCommand: string; autoReview?: boolean }, until: (view: PipelineView) => boolean, what: string) {
  const repo = createRepo({ path: join(tempFolder('braid-pipeline-repo-'), 'app'), files: pipelineRepoFiles }).path;
  const world = await agentWorld({ repo });
  const { services, project } = world;
  expectOk(services.pipelineSettings.set(project.id, { reviewGate: 'warn', ...settings }));
  const plan = samplePlan({ steps: [samplePlan().steps[0]] });
  world.server.script((request) => {
    const last = lastOf(request);
    if (last?.role !== 'user') return { text: 'Done.' };
    if (toolsOf(request).includes('submit_plan')) return submitPlanTurn(plan);
    if (toolsOf(request).includes('submit_review')) return { text: 'Fine.', toolCalls: [{ name: 'submit_review', args: { verdict: 'correct', explanation: 'The groups are there.', confidence: 0.9, findings: [] } }] };
    if (JSON.stringify(last.content).includes('One more change')) return { text: 'More.', toolCalls: [{ name: 'write_file', args: { path: 'src/more.ts', content: 'export const more = 1;\n' } }] };
    return { text: 'Grouping.', toolCalls: [{ name: 'write_file', args: { path: 'src/nav.ts', content: 'export const groups = ["Work"];\n' } }] };
  });
  const pipelineId = expectOk(await services.pipelines.create({ projectId: project.id, goal: 'Group the navigation', models: { plan: null, implement: null, review: null } })).pipeline.id;
  const planTaskId = (await waitForView(services, pipelineId, (v) => v.plan?.state === 'needs_you', 'the plan at the gate')).plan!.taskId;
  expectOk(await services.plans.approve(planTaskId, 1));
  const view = await waitForView(services, pipelineId, until, what);
  return { world, services, project, pipelineId, view, task: world.task(view.implement[0]!.taskId) };
}
