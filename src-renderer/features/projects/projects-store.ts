import { create } from 'zustand';
import type { Project } from '../../../src-shared/contract';

interface ProjectsState {
  byId: Record<string, Project>;
  /** Oldest first; the same array until the set of projects changes, so lists do not re-render needlessly. */
  ids: string[];
  /** False until the first `projects.list` answered, so the UI can tell "loading" from "none". */
  loaded: boolean;
  replaceAll(projects: Project[]): void;
  /** For a command's own answer: an event may already have brought fresher data. */
  insertIfAbsent(project: Project): void;
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

function orderedIds(byId: Record<string, Project>): string[] {
  return Object.values(byId)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .map((p) => p.id);
}

export const useProjectsStore = create<ProjectsState>()((set) => ({
  byId: {},
  ids: [],
  loaded: false,
  replaceAll: (projects) =>
    set((state) => {
      const byId = Object.fromEntries(projects.map((p) => [p.id, p]));
      const ids = orderedIds(byId);
      return { byId, ids: sameIds(ids, state.ids) ? state.ids : ids, loaded: true };
    }),
  insertIfAbsent: (project) =>
    set((state) => {
      if (state.byId[project.id]) return state;
      const byId = { ...state.byId, [project.id]: project };
      return { byId, ids: orderedIds(byId) };
    }),
}));

export const useProjectIds = () => useProjectsStore((s) => s.ids);
export const useProjectsLoaded = () => useProjectsStore((s) => s.loaded);
export const useProject = (projectId: string | null) =>
  useProjectsStore((s) => (projectId ? s.byId[projectId] : undefined));
