import { create } from 'zustand';
import type { Orphan } from '../../../src-shared/contract';

interface OrphansState {
  byProject: Record<string, Orphan[]>;
  setForProject(projectId: string, orphans: Orphan[]): void;
  forgetProjects(projectIds: readonly string[]): void;
}

const noOrphans: Orphan[] = [];

/** Leftover worktree folders no task owns, per project, as the host last reported them. */
export const useOrphansStore = create<OrphansState>()((set) => ({
  byProject: {},
  setForProject: (projectId, orphans) => set((s) => ({ byProject: { ...s.byProject, [projectId]: orphans } })),
  forgetProjects: (projectIds) =>
    set((s) => ({ byProject: Object.fromEntries(Object.entries(s.byProject).filter(([id]) => !projectIds.includes(id))) })),
}));

export const useOrphans = (projectId: string) => useOrphansStore((s) => s.byProject[projectId] ?? noOrphans);
