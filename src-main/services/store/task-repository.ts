import { braidEngine, engineSchema, planPinSchema, type AgentState, type Engine, type PermissionMode, type PlanPin, type Task, type TaskRole, type TaskStatus } from '../../../src-shared/contract';
import type { Db } from './database';
import { toWorkspaceRow, type RawWorkspace } from './workspace-repository';

export interface TaskRow {
  id: string;
  projectId: string;
  workspaceId: string;
  title: string;
  prompt: string;
  role: TaskRole;
  createdAt: number;
  pipelineId?: string | null;
  planPin?: PlanPin | null;
  reviewedTaskId?: string | null;
  /** Null: Braid's own agent. */
  engine?: Engine | null;
}

type RawAgentColumns = {
  status: TaskStatus;
  status_reason: string | null;
  model: string | null;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  cost_usd: number | null;
  context_tokens: number;
  context_window: number;
  step_count: number;
  max_steps: number;
  max_cost_usd: number | null;
  queued_messages: number;
  permission_mode: PermissionMode | null;
};

/** A task row joined with its workspace row; the workspace columns are prefixed `w_`. */
type RawTaskWithWorkspace = {
  id: string;
  project_id: string;
  workspace_id: string;
  title: string;
  prompt: string;
  role: TaskRole;
  created_at: number;
  pipeline_id: string | null;
  plan_pin: string | null;
  reviewed_task_id: string | null;
  engine: string | null;
} & RawAgentColumns & { [K in keyof RawWorkspace as `w_${K}`]: RawWorkspace[K] };

const selectTasks = `
  SELECT t.*, w.id AS w_id, w.project_id AS w_project_id, w.path AS w_path, w.branch AS w_branch,
    w.base_branch AS w_base_branch, w.base_commit AS w_base_commit, w.state AS w_state,
    w.state_reason AS w_state_reason, w.branch_exists AS w_branch_exists, w.created_at AS w_created_at, w.merged AS w_merged,
    0 AS queued_messages
  FROM task t JOIN workspace w ON w.id = t.workspace_id`;

function toTask(raw: RawTaskWithWorkspace): Task {
  const workspace = toWorkspaceRow({
    id: raw.w_id,
    project_id: raw.w_project_id,
    path: raw.w_path,
    branch: raw.w_branch,
    base_branch: raw.w_base_branch,
    base_commit: raw.w_base_commit,
    state: raw.w_state,
    state_reason: raw.w_state_reason,
    branch_exists: raw.w_branch_exists,
    created_at: raw.w_created_at,
    merged: raw.w_merged,
  });
  return {
    id: raw.id,
    projectId: raw.project_id,
    title: raw.title,
    prompt: raw.prompt,
    role: raw.role,
    createdAt: raw.created_at,
    pipelineId: raw.pipeline_id,
    planPin: raw.plan_pin === null ? null : planPinSchema.parse(JSON.parse(raw.plan_pin)),
    reviewedTaskId: raw.reviewed_task_id,
    engine: engineOf(raw.engine),
    agent: toAgentState(raw),
    workspace: {
      id: workspace.id,
      projectId: workspace.projectId,
      path: workspace.path,
      branch: workspace.branch,
      baseBranch: workspace.baseBranch,
      baseCommit: workspace.baseCommit,
      state: workspace.state,
      stateReason: workspace.stateReason,
      branchExists: workspace.branchExists,
      merged: workspace.merged,
    },
  };
}

/** Null is Braid's own agent (every task stored before engines existed). */
function engineOf(stored: string | null): Engine {
  return stored === null ? braidEngine : engineSchema.parse(JSON.parse(stored));
}

function toAgentState(raw: RawAgentColumns & { role: TaskRole }): AgentState {
  return {
    status: raw.status,
    statusReason: raw.status_reason,
    model: raw.model,
    usage: { inputTokens: raw.input_tokens, outputTokens: raw.output_tokens, cachedTokens: raw.cached_tokens, costUsd: raw.cost_usd },
    contextTokens: raw.context_tokens,
    contextWindow: raw.context_window,
    queuedMessages: raw.queued_messages,
    stepCount: raw.step_count,
    limits: { maxSteps: raw.max_steps, maxCostUsd: raw.max_cost_usd },
    permissionMode: raw.permission_mode,
    // What the task row alone says; the permission service replaces it with the mode in force.
    mode: raw.permission_mode ? { mode: raw.permission_mode, origin: 'task', from: 'this task' } : { mode: raw.role === 'plan' ? 'plan' : 'ask', origin: 'built-in', from: 'Braid' },
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;

export function createTaskRepository(db: Db) {
  const byId = db.prepare<[string], RawTaskWithWorkspace>(`${selectTasks} WHERE t.id = ?`);
  const byProject = db.prepare<[string], RawTaskWithWorkspace>(`${selectTasks} WHERE t.project_id = ? ORDER BY t.created_at, t.id`);
  const byWorkspace = db.prepare<[string], RawTaskWithWorkspace>(`${selectTasks} WHERE t.workspace_id = ? ORDER BY t.created_at`);
  const byPipeline = db.prepare<[string], RawTaskWithWorkspace>(`${selectTasks} WHERE t.pipeline_id = ? ORDER BY t.created_at, t.id`);
  const pinnedTo = db.prepare<[string], RawTaskWithWorkspace>(`${selectTasks} WHERE json_extract(t.plan_pin, '$.planTaskId') = ? ORDER BY t.created_at, t.rowid`);
  const reviewsOf = db.prepare<[string], RawTaskWithWorkspace>(`${selectTasks} WHERE t.reviewed_task_id = ? ORDER BY t.created_at, t.id`);
  const insert = db.prepare(
    `INSERT INTO task (id, project_id, workspace_id, title, prompt, role, created_at, pipeline_id, plan_pin, reviewed_task_id, engine)
     VALUES (@id, @projectId, @workspaceId, @title, @prompt, @role, @createdAt, @pipelineId, @planPin, @reviewedTaskId, @engine)`,
  );
  const remove = db.prepare('DELETE FROM task WHERE id = ?');
  const existsById = db.prepare<[string], { found: number }>('SELECT 1 AS found FROM task WHERE id = ?');
  const setStatus = db.prepare('UPDATE task SET status = ?, status_reason = ? WHERE id = ?');
  const setModel = db.prepare('UPDATE task SET model = ? WHERE id = ?');
  const setPermissionMode = db.prepare('UPDATE task SET permission_mode = ? WHERE id = ?');
  const setContextWindow = db.prepare('UPDATE task SET context_window = ? WHERE id = ?');
  const setContext = db.prepare('UPDATE task SET context_tokens = ?, context_window = ? WHERE id = ?');
  const setLimits = db.prepare('UPDATE task SET max_steps = ?, max_cost_usd = ? WHERE id = ?');
  const addStep = db.prepare(
    `UPDATE task SET step_count = step_count + 1, input_tokens = input_tokens + @input, output_tokens = output_tokens + @output,
       cached_tokens = cached_tokens + @cached, context_tokens = @context,
       cost_usd = CASE WHEN @cost IS NULL THEN cost_usd ELSE coalesce(cost_usd, 0) + @cost END
     WHERE id = @id`,
  );
  const resetSteps = db.prepare('UPDATE task SET step_count = 0 WHERE id = ?');
  const byStatus = db.prepare<[string], { id: string }>('SELECT id FROM task WHERE status = ?');

  return {
    get: (id: string): Task | undefined => {
      const raw = byId.get(id);
      return raw && toTask(raw);
    },
    /** Cheap (no join, no mapping): for hot paths that only need to know the row is there. */
    exists: (id: string): boolean => existsById.get(id) !== undefined,
    listByProject: (projectId: string): Task[] => byProject.all(projectId).map(toTask),
    listByWorkspace: (workspaceId: string): Task[] => byWorkspace.all(workspaceId).map(toTask),
    insert: (row: TaskRow): void => {
      insert.run({
        ...row,
        pipelineId: row.pipelineId ?? null,
        planPin: row.planPin ? JSON.stringify(row.planPin) : null,
        reviewedTaskId: row.reviewedTaskId ?? null,
        engine: row.engine && row.engine.kind !== 'braid' ? JSON.stringify(row.engine) : null,
      });
    },
    listByPipeline: (pipelineId: string): Task[] => byPipeline.all(pipelineId).map(toTask),
    /** Implement tasks pinned to a version of the plan task's plan, oldest first. */
    listPinnedTo: (planTaskId: string): Task[] => pinnedTo.all(planTaskId).map(toTask),
    /** Review tasks of a task (they share its workspace). */
    listReviewsOf: (taskId: string): Task[] => reviewsOf.all(taskId).map(toTask),
    remove: (id: string): boolean => remove.run(id).changes > 0,
    setStatus: (id: string, status: TaskStatus, reason: string | null): void => {
      setStatus.run(status, reason, id);
    },
    setPermissionMode: (id: string, mode: PermissionMode | null): void => {
      setPermissionMode.run(mode, id);
    },
    setModel: (id: string, model: string | null): void => {
      setModel.run(model, id);
    },
    /** The gauge as an external agent reports it: tokens in its context now, and its window. */
    setContext: (id: string, tokens: number, window: number): void => {
      setContext.run(tokens, window, id);
    },
    setContextWindow: (id: string, tokens: number): void => {
      setContextWindow.run(tokens, id);
    },
    setLimits: (id: string, maxSteps: number, maxCostUsd: number | null): void => {
      setLimits.run(maxSteps, maxCostUsd, id);
    },
    /** One finished model step: usage added to the totals, the gauge set to this context. */
    recordStep: (id: string, usage: { input: number; output: number; cached: number; cost: number | null; context: number }): void => {
      addStep.run({ id, ...usage });
    },
    /** The step limit counts from the user's last "continue". */
    resetStepCount: (id: string): void => {
      resetSteps.run(id);
    },
    idsWithStatus: (status: TaskStatus): string[] => byStatus.all(status).map((row) => row.id),
  };
}
