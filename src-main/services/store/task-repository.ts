import { braidEngine, engineSchema, planPinSchema, type AgentState, type Engine, type PermissionMode, type PlanPin, type Task, type TaskRole, type TaskStatus } from '../../../src-shared/contract';
import { subagentLinkOf, subagentSnapshotSchema, type SubagentSnapshot } from '../subagents/subagent-snapshot';
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
  /** A subagent's task: its parent and what it keeps of its definition. */
  parentTaskId?: string | null;
  subagent?: SubagentSnapshot | null;
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
  sub_input_tokens: number;
  sub_output_tokens: number;
  sub_cached_tokens: number;
  sub_cost_usd: number | null;
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
  parent_task_id: string | null;
  subagent: string | null;
} & RawAgentColumns & { [K in keyof RawWorkspace as `w_${K}`]: RawWorkspace[K] };

const selectTasks = `
  SELECT t.*, w.id AS w_id, w.project_id AS w_project_id, w.path AS w_path, w.branch AS w_branch,
    w.base_branch AS w_base_branch, w.base_commit AS w_base_commit, w.state AS w_state,
    w.state_reason AS w_state_reason, w.branch_exists AS w_branch_exists, w.created_at AS w_created_at, w.merged AS w_merged,
    w.setup AS w_setup, w.port_base AS w_port_base,
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
    setup: raw.w_setup,
    port_base: raw.w_port_base,
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
    parentTaskId: raw.parent_task_id,
    subagent: raw.subagent === null ? null : subagentLinkOf(parseSnapshot(raw.subagent)),
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
      setup: workspace.setup,
      portBase: workspace.portBase,
    },
  };
}

/** Null is Braid's own agent (every task stored before engines existed). */
function engineOf(stored: string | null): Engine {
  return stored === null ? braidEngine : engineSchema.parse(JSON.parse(stored));
}

function parseSnapshot(json: string): SubagentSnapshot {
  return subagentSnapshotSchema.parse(JSON.parse(json));
}

/** Two costs added; null only when neither is known. */
function addCosts(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : (a ?? 0) + (b ?? 0);
}

function toAgentState(raw: RawAgentColumns & { role: TaskRole }): AgentState {
  const hasSubagentUsage = raw.sub_input_tokens > 0 || raw.sub_output_tokens > 0 || raw.sub_cost_usd !== null;
  return {
    status: raw.status,
    statusReason: raw.status_reason,
    model: raw.model,
    // The task's own use and its subagents', so what a task cost says everything it started.
    usage: {
      inputTokens: raw.input_tokens + raw.sub_input_tokens,
      outputTokens: raw.output_tokens + raw.sub_output_tokens,
      cachedTokens: raw.cached_tokens + raw.sub_cached_tokens,
      costUsd: addCosts(raw.cost_usd, raw.sub_cost_usd),
    },
    subagentUsage: hasSubagentUsage
      ? { inputTokens: raw.sub_input_tokens, outputTokens: raw.sub_output_tokens, cachedTokens: raw.sub_cached_tokens, costUsd: raw.sub_cost_usd }
      : null,
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
    `INSERT INTO task (id, project_id, workspace_id, title, prompt, role, created_at, pipeline_id, plan_pin, reviewed_task_id, engine, parent_task_id, subagent)
     VALUES (@id, @projectId, @workspaceId, @title, @prompt, @role, @createdAt, @pipelineId, @planPin, @reviewedTaskId, @engine, @parentTaskId, @subagent)`,
  );
  const childrenOf = db.prepare<[string], RawTaskWithWorkspace>(`${selectTasks} WHERE t.parent_task_id = ? ORDER BY t.created_at, t.rowid`);
  const childForCall = db.prepare<[string, string], RawTaskWithWorkspace>(`${selectTasks} WHERE t.parent_task_id = ? AND json_extract(t.subagent, '$.callId') = ?`);
  const snapshotOf = db.prepare<[string], { subagent: string | null; parent_task_id: string | null }>('SELECT subagent, parent_task_id FROM task WHERE id = ?');
  // Every task above this one, nearest first (a subagent's parent, its parent, ...).
  const ancestorsOf = db.prepare<[string], { id: string }>(
    `WITH RECURSIVE up(id, depth) AS (
       SELECT parent_task_id, 1 FROM task WHERE id = ? AND parent_task_id IS NOT NULL
       UNION ALL
       SELECT t.parent_task_id, up.depth + 1 FROM task t JOIN up ON t.id = up.id WHERE t.parent_task_id IS NOT NULL
     )
     SELECT id FROM up ORDER BY depth`,
  );
  // Every task below this one (its subagents', theirs, ...), deepest first.
  const descendantsOf = db.prepare<[string], RawTaskWithWorkspace>(
    `WITH RECURSIVE down(id, depth) AS (
       SELECT id, 1 FROM task WHERE parent_task_id = ?
       UNION ALL
       SELECT t.id, down.depth + 1 FROM task t JOIN down ON t.parent_task_id = down.id
     )
     ${selectTasks.replace('FROM task t', 'FROM down JOIN task t ON t.id = down.id')} ORDER BY down.depth DESC, t.created_at DESC`,
  );
  const addSubagentUsage = db.prepare(
    `UPDATE task SET sub_input_tokens = sub_input_tokens + @input, sub_output_tokens = sub_output_tokens + @output,
       sub_cached_tokens = sub_cached_tokens + @cached,
       sub_cost_usd = CASE WHEN @cost IS NULL THEN sub_cost_usd ELSE coalesce(sub_cost_usd, 0) + @cost END
     WHERE id = @id`,
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
        parentTaskId: row.parentTaskId ?? null,
        subagent: row.subagent ? JSON.stringify(row.subagent) : null,
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
    /**
     * One finished model step: usage added to the totals, the gauge set to this context; a
     * subagent's usage is added to every task above it too. Returns those tasks' ids.
     */
    recordStep: (id: string, usage: { input: number; output: number; cached: number; cost: number | null; context: number }): string[] =>
      db.transaction(() => {
        addStep.run({ id, ...usage });
        const ancestors = ancestorsOf.all(id).map((row) => row.id);
        for (const ancestor of ancestors) addSubagentUsage.run({ id: ancestor, input: usage.input, output: usage.output, cached: usage.cached, cost: usage.cost });
        return ancestors;
      })(),
    /** A task's subagents' tasks (one level), oldest first. */
    listChildren: (parentTaskId: string): Task[] => childrenOf.all(parentTaskId).map(toTask),
    /** The subagent's task a parent's `delegate` call started, if it exists. */
    childForCall: (parentTaskId: string, callId: string): Task | undefined => {
      const raw = childForCall.get(parentTaskId, callId);
      return raw && toTask(raw);
    },
    /** What a subagent's task keeps of its definition (null for other tasks). */
    subagentSnapshot: (id: string): SubagentSnapshot | null => {
      const row = snapshotOf.get(id);
      return row?.subagent ? parseSnapshot(row.subagent) : null;
    },
    /** Every subagent's task below this task (all levels), deepest first: the order they are removed in. */
    listDescendants: (id: string): Task[] => descendantsOf.all(id).map(toTask),
    /** The tasks above a subagent's task, nearest first. */
    ancestorIds: (id: string): string[] => ancestorsOf.all(id).map((row) => row.id),
    /** The step limit counts from the user's last "continue". */
    resetStepCount: (id: string): void => {
      resetSteps.run(id);
    },
    idsWithStatus: (status: TaskStatus): string[] => byStatus.all(status).map((row) => row.id),
  };
}
