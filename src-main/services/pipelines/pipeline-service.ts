import { fail, ok, type CheckGateState, type MethodArgs, type PipelineCheck, type PipelineSummary, type PipelineView, type Result, type ReviewGateState, type TaskRole } from '../../../src-shared/contract';
import type { PipelineSettingsStore } from '../projects/pipeline-settings';
import type { CommandConfinement, CommandIsolation } from '../sandbox/command-isolation';
import type { CreatedTask } from '../tasks/create-task';
import type { WorkspaceContext } from '../workspaces/context';
import { workspaceOwnerOf } from '../workspaces/shared-workspace';
import { checkGateState } from './check-gate';
import type { CheckOutcome, CheckRun } from './check-command';
import { createCheckRuns } from './check-runs';
import { createPipeline } from './create-pipeline';
import { followPipelineRules, type PipelineRulesDeps } from './pipeline-rules';
import { pipelineStages } from './pipeline-stages';

export interface PipelineServiceDeps {
  settings: PipelineSettingsStore;
  resolveModel(ref: string, role: TaskRole): Promise<Result<unknown>>;
  startWhenReady(created: CreatedTask): void;
  implement: PipelineRulesDeps['implement'];
  reviews: PipelineRulesDeps['reviews'] & { gateFor(taskId: string): Result<ReviewGateState> };
  agents: PipelineRulesDeps['agents'];
  isolation: Promise<CommandIsolation>;
  /** The sandbox of the check command in a task's workspace (null where the machine has none). */
  checkConfinementFor(taskId: string): CommandConfinement | null;
  /** Who asked for each task of a pipeline, from the audit trail (written first). */
  creators(projectId: string, pipelineId: string): ReadonlyMap<string, string>;
  /** How one check runs (default `runCheckCommand`). */
  runCheck?: (run: CheckRun) => Promise<CheckOutcome>;
}

export type PipelineService = ReturnType<typeof createPipelineService>;

/**
 * Pipelines (R4): a goal taken through plan → implement ×n → review ×n → merged, as linked
 * tasks. `create` stores the pipeline and its plan task; the rules (`pipeline-rules.ts`, on
 * domain events) create the next stages; `get` reads the stages fresh from what the other
 * services store; the check command runs before each review (`check-runs.ts`) and gates the
 * merge (`checkGate`, used by the merges).
 */
export function createPipelineService(context: WorkspaceContext, deps: PipelineServiceDeps) {
  const { store } = context;
  const checks = createCheckRuns(context, { isolation: deps.isolation, confinementFor: deps.checkConfinementFor, run: deps.runCheck });
  const rules = followPipelineRules(context, { settings: deps.settings, implement: deps.implement, reviews: deps.reviews, agents: deps.agents, checks });

  const checkGate = (taskId: string): CheckGateState => {
    const task = store.tasks.get(taskId);
    const owner = task && workspaceOwnerOf(store, task);
    if (!owner) return { verdict: 'clear', message: null, check: null };
    return checkGateState(deps.settings.get(owner.projectId).checkCommand, store.pipelineChecks.latest(owner.id));
  };

  const view = (pipelineId: string): Result<PipelineView> => {
    const pipeline = store.pipelines.get(pipelineId);
    if (!pipeline) return fail('NOT_FOUND', 'That pipeline does not exist any more.');
    return ok(
      pipelineStages(
        {
          store,
          settings: (projectId) => deps.settings.get(projectId),
          reviewGate: (taskId) => {
            const gate = deps.reviews.gateFor(taskId);
            return gate.ok ? gate.data : null;
          },
          checkGate,
          creators: deps.creators,
        },
        pipeline,
      ),
    );
  };

  const needsYou = (stages: PipelineView): boolean =>
    [stages.plan, ...stages.implement, ...stages.reviews, ...stages.merges].some((stage) => stage !== null && (stage.state === 'needs_you' || stage.state === 'held'));

  return {
    /** Starts a pipeline: its plan task first; approving the plan moves it on. */
    async create(input: MethodArgs<'pipelines.create'>): Promise<Result<PipelineView>> {
      const created = await createPipeline(context, { resolveModel: deps.resolveModel, startWhenReady: deps.startWhenReady }, input);
      return created.ok ? view(created.data.pipeline.id) : created;
    },

    get: view,

    list(projectId: string): Result<PipelineSummary[]> {
      if (!store.projects.get(projectId)) return fail('NOT_FOUND', 'That project is not open in Braid.');
      return ok(
        store.pipelines.listByProject(projectId).map((pipeline) => {
          const stages = view(pipeline.id);
          return stages.ok ? { ...pipeline, stage: stages.data.stage, needsYou: needsYou(stages.data) } : { ...pipeline, stage: 'plan' as const, needsYou: false };
        }),
      );
    },

    runCheck: rules.runCheck,

    /** The check gate of a merge of `taskId`'s workspace. */
    checkGate,

    /** The latest check of a task's workspace (its owner's), for the reviewer's briefing. */
    latestCheck(taskId: string): PipelineCheck | null {
      const task = store.tasks.get(taskId);
      const owner = task && workspaceOwnerOf(store, task);
      return owner ? store.pipelineChecks.latest(owner.id) : null;
    },

    /** Stops running checks and waits for them to be recorded. */
    close: () => checks.close(),
  };
}
