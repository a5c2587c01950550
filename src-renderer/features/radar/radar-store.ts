import { create } from 'zustand';
import type { Radar } from '../../../src-shared/contract';

interface RadarState {
  byProject: Record<string, Radar>;
  /** Why `radar.get` failed for a project, until a radar arrives. */
  errorByProject: Record<string, string>;
  /** Keeps whichever radar was computed later: a slow `radar.get` answer never hides a newer event. */
  put(projectId: string, radar: Radar): void;
  setError(projectId: string, message: string): void;
  forgetProjects(projectIds: readonly string[]): void;
}

export const useRadarStore = create<RadarState>()((set) => ({
  byProject: {},
  errorByProject: {},
  put: (projectId, radar) =>
    set((state) => {
      const known = state.byProject[projectId];
      if (known && known.computedAt > radar.computedAt) return state;
      const { [projectId]: _cleared, ...errorByProject } = state.errorByProject;
      return { byProject: { ...state.byProject, [projectId]: radar }, errorByProject };
    }),
  setError: (projectId, message) => set((state) => ({ errorByProject: { ...state.errorByProject, [projectId]: message } })),
  forgetProjects: (projectIds) =>
    set((state) => {
      const gone = new Set(projectIds);
      const keep = <T,>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([id]) => !gone.has(id)));
      return { byProject: keep(state.byProject), errorByProject: keep(state.errorByProject) };
    }),
}));

export const useProjectRadar = (projectId: string | null | undefined) => useRadarStore((s) => (projectId ? s.byProject[projectId] : undefined));
