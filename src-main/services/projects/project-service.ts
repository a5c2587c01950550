import { basename } from 'node:path';
import { fail, ok, type Branches, type Project, type Result } from '../../../src-shared/contract';
import { readBranchOverview } from '../git/branches';
import type { ContractEmit, DomainEventBus } from '../events';
import { readCurrentBranchSync } from '../git/head-file';
import { newId } from '../store/ids';
import type { ProjectRow } from '../store/project-repository';
import type { Store } from '../store/store';
import { completePath, type PathCompletion } from './complete-path';
import { inspectRepository } from './inspect-repository';
import { resolveUserPath } from './user-path';

export interface ProjectServiceDeps {
  store: Store;
  /** Pushes `projects.changed`. */
  emit: ContractEmit;
  /** Publishes `project.removed`. */
  events: DomainEventBus;
  now: () => number;
}

export type ProjectService = ReturnType<typeof createProjectService>;

export function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    defaultBranch: row.defaultBranch,
    // Read from the HEAD file: listing projects must not cost a git process each.
    currentBranch: readCurrentBranchSync(row.path),
    createdAt: row.createdAt,
  };
}

export function createProjectService({ store, emit, events, now }: ProjectServiceDeps) {
  const list = (): Project[] => store.projects.list().map(toProject);
  const announce = () => emit('projects.changed', { projects: list() });

  return {
    list,

    get(projectId: string): Result<ProjectRow> {
      const row = store.projects.get(projectId);
      return row ? ok(row) : fail('NOT_FOUND', 'That project is not open in Braid any more.');
    },

    /** Validates the path and stores nothing unless every check passes. */
    async add(typedPath: string): Promise<Result<Project>> {
      const location = await inspectRepository(resolveUserPath(typedPath));
      if (!location.ok) return location;
      const path = location.data.topLevel;
      const existing = store.projects.findByPath(path);
      if (existing) return fail('ALREADY_ADDED', `${path} is already open as "${existing.name}".`, { projectId: existing.id });
      const overview = await readBranchOverview(path);
      const row: ProjectRow = { id: newId(), name: basename(path) || path, path, defaultBranch: overview.default, createdAt: now() };
      // Checked again: another add of the same folder may have finished while we read branches.
      if (store.projects.findByPath(path)) return fail('ALREADY_ADDED', `${path} is already open in Braid.`);
      store.projects.insert(row);
      announce();
      return ok(toProject(row));
    },

    /** Forgets the project (its rows only): the repository and its worktrees stay on disk. */
    remove(projectId: string): Result<{ removed: true }> {
      // Its audit trail goes with it: entries outlive tasks, not the project they belong to.
      const removed = store.transaction(() => {
        if (!store.projects.remove(projectId)) return false;
        store.audit.forgetProject(projectId);
        return true;
      });
      if (!removed) return fail('NOT_FOUND', 'That project is not open in Braid.');
      void events.publish('project.removed', { projectId });
      announce();
      return ok({ removed: true });
    },

    async branches(projectId: string): Promise<Result<Branches>> {
      const row = store.projects.get(projectId);
      if (!row) return fail('NOT_FOUND', 'That project is not open in Braid.');
      const overview = await readBranchOverview(row.path);
      if (overview.default !== row.defaultBranch) store.projects.setDefaultBranch(row.id, overview.default);
      return ok(overview);
    },

    completePath: (partial: string): Promise<PathCompletion> => completePath(partial),
  };
}
