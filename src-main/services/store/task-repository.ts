import type { Task, TaskRole } from '../../../src-shared/contract';
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
}

/** A task row joined with its workspace row; the workspace columns are prefixed `w_`. */
type RawTaskWithWorkspace = {
  id: string;
  project_id: string;
  workspace_id: string;
  title: string;
  prompt: string;
  role: TaskRole;
  created_at: number;
} & { [K in keyof RawWorkspace as `w_${K}`]: RawWorkspace[K] };

const selectTasks = `
  SELECT t.*, w.id AS w_id, w.project_id AS w_project_id, w.path AS w_path, w.branch AS w_branch,
    w.base_branch AS w_base_branch, w.base_commit AS w_base_commit, w.state AS w_state,
    w.state_reason AS w_state_reason, w.branch_exists AS w_branch_exists, w.created_at AS w_created_at
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
  });
  return {
    id: raw.id,
    projectId: raw.project_id,
    title: raw.title,
    prompt: raw.prompt,
    role: raw.role,
    createdAt: raw.created_at,
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
    },
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;

export function createTaskRepository(db: Db) {
  const byId = db.prepare<[string], RawTaskWithWorkspace>(`${selectTasks} WHERE t.id = ?`);
  const byProject = db.prepare<[string], RawTaskWithWorkspace>(`${selectTasks} WHERE t.project_id = ? ORDER BY t.created_at, t.id`);
  const byWorkspace = db.prepare<[string], RawTaskWithWorkspace>(`${selectTasks} WHERE t.workspace_id = ? ORDER BY t.created_at`);
  const insert = db.prepare(
    `INSERT INTO task (id, project_id, workspace_id, title, prompt, role, created_at)
     VALUES (@id, @projectId, @workspaceId, @title, @prompt, @role, @createdAt)`,
  );
  const remove = db.prepare('DELETE FROM task WHERE id = ?');

  return {
    get: (id: string): Task | undefined => {
      const raw = byId.get(id);
      return raw && toTask(raw);
    },
    listByProject: (projectId: string): Task[] => byProject.all(projectId).map(toTask),
    listByWorkspace: (workspaceId: string): Task[] => byWorkspace.all(workspaceId).map(toTask),
    insert: (row: TaskRow): void => {
      insert.run(row);
    },
    remove: (id: string): boolean => remove.run(id).changes > 0,
  };
}
