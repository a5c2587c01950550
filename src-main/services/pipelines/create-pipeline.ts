import { fail, ok, type MethodArgs, type Pipeline, type Result, type Task, type TaskRole } from '../../../src-shared/contract';
import { newId } from '../store/ids';
import { resolveTaskBase, storeTask, type CreatedTask } from '../tasks/create-task';
import type { WorkspaceContext } from '../workspaces/context';

export interface CreatePipelineDeps {
  /** Checks a model ref for a role before anything is stored (`MODEL_NOT_CONFIGURED`, …). */
  resolveModel(ref: string, role: TaskRole): Promise<Result<unknown>>;
  /** Starts the plan task's agent once its worktree is ready (the tasks' orchestration). */
  startWhenReady(created: CreatedTask): void;
}

const titleLength = 80;

/** A pipeline's default title: the goal's first line, cut at a word near 80 characters. */
export function titleFromGoal(goal: string): string {
  const line = goal.trim().split('\n')[0]!.trim();
  if (line.length <= titleLength) return line;
  const cut = line.slice(0, titleLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > titleLength / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * `pipelines.create`: checks every model picked and the base branch, then stores the pipeline
 * and its plan task ("Plan: <title>", the goal as its prompt, the plan model) on the base's
 * commit; the plan task's agent starts once its worktree is ready. The next stages come from
 * the pipeline's rules (`pipeline-rules.ts`).
 */
export async function createPipeline(
  context: WorkspaceContext,
  deps: CreatePipelineDeps,
  input: MethodArgs<'pipelines.create'>,
): Promise<Result<{ pipeline: Pipeline; planTask: Task }>> {
  const { store, now, events } = context;
  for (const role of ['plan', 'implement', 'review'] as const) {
    const ref = input.models[role];
    if (ref === null) continue;
    const resolved = await deps.resolveModel(ref, role);
    if (!resolved.ok) {
      return fail(resolved.error.code, `The ${role} model (${ref}): ${resolved.error.message}`, { issues: [{ path: ['models', role], message: resolved.error.message }] });
    }
  }
  const base = await resolveTaskBase(context, input.projectId, input.baseBranch);
  if (!base.ok) return base;

  const pipeline: Pipeline = {
    id: newId(),
    projectId: input.projectId,
    title: input.title ?? titleFromGoal(input.goal),
    goal: input.goal,
    models: input.models,
    createdAt: now(),
  };
  store.pipelines.insert(pipeline);
  void events.publish('pipeline.created', { projectId: pipeline.projectId, pipelineId: pipeline.id, title: pipeline.title, goal: pipeline.goal, models: pipeline.models, at: pipeline.createdAt });
  const created = storeTask(context, base.data, { title: `Plan: ${pipeline.title}`, prompt: pipeline.goal, role: 'plan', pipelineId: pipeline.id, model: input.models.plan });
  deps.startWhenReady(created);
  return ok({ pipeline, planTask: created.task });
}
