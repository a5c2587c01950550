import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fail, ok, type Orphan, type Result } from '../../../src-shared/contract';
import { pruneWorktrees } from '../git/worktrees';
import { readCurrentBranchSync } from '../git/head-file';
import type { ProjectRow } from '../store/project-repository';
import type { WorkspaceContext } from './context';
import { removeWorktreeFolder } from './remove-folder';
import { projectWorktreeDir } from './worktree-layout';

/**
 * Folders in the project's worktree area that no workspace row owns: left over from a
 * crash, a removed task whose folder could not be deleted, or a copy. Reads the folder
 * only (no git), so it is cheap enough to call on every view.
 */
export function findOrphans(context: WorkspaceContext, project: ProjectRow): Orphan[] {
  const dir = projectWorktreeDir(context.worktreesRoot, project);
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  const known = new Set(context.store.workspaces.listByProject(project.id).map((workspace) => resolve(workspace.path)));
  return names
    .map((name) => join(dir, name))
    .filter((path) => !known.has(path))
    .sort()
    .map((path) => ({ projectId: project.id, path, branch: readCurrentBranchSync(path) }));
}

export function listOrphans(context: WorkspaceContext, projectId: string): Result<Orphan[]> {
  const project = context.store.projects.get(projectId);
  if (!project) return fail('NOT_FOUND', 'That project is not open in Braid.');
  return ok(findOrphans(context, project));
}

/** Deletes one orphan folder (guarded to the project's worktree area) and unregisters it. */
export async function removeOrphan(context: WorkspaceContext, projectId: string, path: string): Promise<Result<{ removed: true }>> {
  const project = context.store.projects.get(projectId);
  if (!project) return fail('NOT_FOUND', 'That project is not open in Braid.');
  const orphan = findOrphans(context, project).find((candidate) => candidate.path === resolve(path));
  if (!orphan) return fail('NOT_FOUND', `${path} is not a leftover folder of ${project.name}.`);
  const removed = await context.track(
    context.inRepoQueue(project, async () => {
      const result = await removeWorktreeFolder(project.path, projectWorktreeDir(context.worktreesRoot, project), orphan.path);
      if (result.ok) await pruneWorktrees(project.path);
      return result;
    }),
  );
  if (!removed.ok) return removed;
  context.announce.orphansChanged(project.id, findOrphans(context, project));
  return ok({ removed: true });
}
