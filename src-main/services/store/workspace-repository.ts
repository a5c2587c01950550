import { mergedStateSchema, type MergedState, type WorkspaceState } from '../../../src-shared/contract';
import type { Db } from './database';

export interface WorkspaceRow {
  id: string;
  projectId: string;
  path: string;
  branch: string;
  baseBranch: string;
  baseCommit: string | null;
  state: WorkspaceState;
  stateReason: string | null;
  branchExists: boolean;
  createdAt: number;
  merged: MergedState | null;
}

export interface RawWorkspace {
  id: string;
  project_id: string;
  path: string;
  branch: string;
  base_branch: string;
  base_commit: string | null;
  state: WorkspaceState;
  state_reason: string | null;
  branch_exists: number;
  created_at: number;
  merged: string | null;
}

export const toWorkspaceRow = (raw: RawWorkspace): WorkspaceRow => ({
  id: raw.id,
  projectId: raw.project_id,
  path: raw.path,
  branch: raw.branch,
  baseBranch: raw.base_branch,
  baseCommit: raw.base_commit,
  state: raw.state,
  stateReason: raw.state_reason,
  branchExists: raw.branch_exists === 1,
  createdAt: raw.created_at,
  merged: parseMerged(raw.merged),
});

/** A record that does not parse (hand-edited database) reads as "not merged" rather than failing the row. */
function parseMerged(text: string | null): MergedState | null {
  if (text === null) return null;
  try {
    const parsed = mergedStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface WorkspaceStateChange {
  state: WorkspaceState;
  stateReason: string | null;
  branchExists?: boolean;
  baseCommit?: string | null;
}

export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>;

export function createWorkspaceRepository(db: Db) {
  const byId = db.prepare<[string], RawWorkspace>('SELECT * FROM workspace WHERE id = ?');
  const byProject = db.prepare<[string], RawWorkspace>('SELECT * FROM workspace WHERE project_id = ? ORDER BY created_at');
  const insert = db.prepare(
    `INSERT INTO workspace (id, project_id, path, branch, base_branch, base_commit, state, state_reason, branch_exists, created_at)
     VALUES (@id, @projectId, @path, @branch, @baseBranch, @baseCommit, @state, @stateReason, @branchExists, @createdAt)`,
  );
  const update = db.prepare(
    `UPDATE workspace SET state = @state, state_reason = @stateReason,
       branch_exists = coalesce(@branchExists, branch_exists), base_commit = coalesce(@baseCommit, base_commit)
     WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM workspace WHERE id = ?');
  const setMerged = db.prepare<[string | null, string]>('UPDATE workspace SET merged = ? WHERE id = ?');

  return {
    get: (id: string): WorkspaceRow | undefined => {
      const raw = byId.get(id);
      return raw && toWorkspaceRow(raw);
    },
    listByProject: (projectId: string): WorkspaceRow[] => byProject.all(projectId).map(toWorkspaceRow),
    insert: (row: Omit<WorkspaceRow, 'merged'>): void => {
      insert.run({ ...row, branchExists: row.branchExists ? 1 : 0 });
    },
    /** Returns false when the row is gone (deleted while git was working). */
    setState: (id: string, change: WorkspaceStateChange): boolean =>
      update.run({
        id,
        state: change.state,
        stateReason: change.stateReason,
        branchExists: change.branchExists === undefined ? null : change.branchExists ? 1 : 0,
        baseCommit: change.baseCommit ?? null,
      }).changes > 0,
    remove: (id: string): boolean => remove.run(id).changes > 0,
    /** Records (or with null clears) that the workspace was merged. */
    setMerged: (id: string, merged: MergedState | null): boolean => setMerged.run(merged === null ? null : JSON.stringify(merged), id).changes > 0,
  };
}
