import { mergedStateSchema, workspaceSetupSchema, type MergedState, type WorkspaceSetup, type WorkspaceState } from '../../../src-shared/contract';
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
  setup: WorkspaceSetup;
  portBase: number | null;
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
  setup: string | null;
  port_base: number | null;
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
  setup: parseSetup(raw.setup),
  portBase: raw.port_base,
});

/** Workspaces made before setup existed (NULL), and a record that does not parse, read as "no setup". */
export const noSetup: WorkspaceSetup = { state: 'none', source: null, reason: null, exitCode: null, files: null };
/** A new workspace's setup: nothing done yet. */
export const pendingSetup: WorkspaceSetup = { state: 'pending', source: null, reason: null, exitCode: null, files: null };

function parseSetup(text: string | null): WorkspaceSetup {
  if (text === null) return noSetup;
  try {
    const parsed = workspaceSetupSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : noSetup;
  } catch {
    return noSetup;
  }
}

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
    `INSERT INTO workspace (id, project_id, path, branch, base_branch, base_commit, state, state_reason, branch_exists, created_at, setup)
     VALUES (@id, @projectId, @path, @branch, @baseBranch, @baseCommit, @state, @stateReason, @branchExists, @createdAt, @setup)`,
  );
  const update = db.prepare(
    `UPDATE workspace SET state = @state, state_reason = @stateReason,
       branch_exists = coalesce(@branchExists, branch_exists), base_commit = coalesce(@baseCommit, base_commit)
     WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM workspace WHERE id = ?');
  const setMerged = db.prepare<[string | null, string]>('UPDATE workspace SET merged = ? WHERE id = ?');
  const setSetup = db.prepare<[string, string]>('UPDATE workspace SET setup = ? WHERE id = ?');
  const setPortBase = db.prepare<[number, string]>('UPDATE workspace SET port_base = ? WHERE id = ? AND port_base IS NULL');
  const portBases = db.prepare<[], { port_base: number }>('SELECT port_base FROM workspace WHERE port_base IS NOT NULL');
  const withSetup = db.prepare<[], RawWorkspace>('SELECT * FROM workspace WHERE setup IS NOT NULL');

  return {
    get: (id: string): WorkspaceRow | undefined => {
      const raw = byId.get(id);
      return raw && toWorkspaceRow(raw);
    },
    listByProject: (projectId: string): WorkspaceRow[] => byProject.all(projectId).map(toWorkspaceRow),
    /** A new workspace; its setup starts `pending` unless given. */
    insert: (row: Omit<WorkspaceRow, 'merged' | 'setup' | 'portBase'> & { setup?: WorkspaceSetup }): void => {
      insert.run({ ...row, branchExists: row.branchExists ? 1 : 0, setup: JSON.stringify(row.setup ?? pendingSetup) });
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
    /** Returns false when the row is gone. */
    setSetup: (id: string, setup: WorkspaceSetup): boolean => setSetup.run(JSON.stringify(setup), id).changes > 0,
    /** Workspaces with a recorded setup (start-up recovery reads them). */
    listWithSetup: (): WorkspaceRow[] => withSetup.all().map(toWorkspaceRow),
    /**
     * Records the workspace's port block once. False when the row is gone or already has one;
     * throws on a start another workspace holds (the unique index), which the allocator retries.
     */
    setPortBase: (id: string, portBase: number): boolean => setPortBase.run(portBase, id).changes > 0,
    /** Every block start held by a workspace. */
    portBases: (): number[] => portBases.all().map((row) => row.port_base),
  };
}
