import { join } from 'node:path';
import { shortId } from '../store/ids';
import { slugify } from './slug';

/**
 * Where Braid puts worktrees: `<root>/<project-slug>-<project-short-id>/<task-slug>-<short-id>`
 * on branch `braid/<task-slug>-<short-id>`. The short ids keep names unique when titles repeat.
 */
export function projectWorktreeDir(worktreesRoot: string, project: { id: string; name: string }): string {
  return join(worktreesRoot, `${slugify(project.name, 'project')}-${shortId(project.id)}`);
}

export function workspaceNames(title: string, taskId: string): { folder: string; branch: string } {
  const folder = `${slugify(title, 'task')}-${shortId(taskId)}`;
  return { folder, branch: `braid/${folder}` };
}
