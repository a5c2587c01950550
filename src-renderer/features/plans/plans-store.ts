import { create } from 'zustand';
import type { PlanComment, PlanVersion } from '../../../src-shared/contract';

/** What the Plan panel is doing for a task: reading, or one of the decisions being prepared. */
export type PlanPanelMode = 'view' | 'requestChanges' | 'reject' | 'edit';

export interface TaskPlans {
  /** Oldest first, as the host lists them; empty until loaded or when there is no plan yet. */
  versions: PlanVersion[];
  loaded: boolean;
  error: string | null;
}

interface PanelState {
  open: boolean;
  mode: PlanPanelMode;
  /** The version shown; null: the latest. */
  selected: number | null;
  /** Comments drafted for a change request, on the version being decided. */
  comments: PlanComment[];
}

interface PlansState {
  byTask: Record<string, TaskPlans>;
  panels: Record<string, PanelState>;
  putVersions(taskId: string, versions: PlanVersion[]): void;
  setError(taskId: string, message: string): void;
  /** Opens the panel (in `mode`, on the latest version unless one is given). */
  openPanel(taskId: string, mode?: PlanPanelMode, version?: number): void;
  setPanel(taskId: string, change: Partial<PanelState>): void;
  addComment(taskId: string, comment: PlanComment): void;
  removeComment(taskId: string, index: number): void;
}

const closedPanel: PanelState = { open: false, mode: 'view', selected: null, comments: [] };

export const usePlansStore = create<PlansState>()((set) => ({
  byTask: {},
  panels: {},
  putVersions: (taskId, versions) => set((state) => ({ byTask: { ...state.byTask, [taskId]: { versions, loaded: true, error: null } } })),
  setError: (taskId, message) =>
    set((state) => ({ byTask: { ...state.byTask, [taskId]: { versions: state.byTask[taskId]?.versions ?? [], loaded: true, error: message } } })),
  openPanel: (taskId, mode = 'view', version) =>
    set((state) => {
      const current = state.panels[taskId] ?? closedPanel;
      // Starting a different decision drops the comments of an abandoned one.
      const comments = mode === 'requestChanges' && current.mode === 'requestChanges' ? current.comments : [];
      return { panels: { ...state.panels, [taskId]: { open: true, mode, selected: version ?? null, comments } } };
    }),
  setPanel: (taskId, change) => set((state) => ({ panels: { ...state.panels, [taskId]: { ...(state.panels[taskId] ?? closedPanel), ...change } } })),
  addComment: (taskId, comment) =>
    set((state) => {
      const panel = state.panels[taskId] ?? closedPanel;
      return { panels: { ...state.panels, [taskId]: { ...panel, comments: [...panel.comments, comment] } } };
    }),
  removeComment: (taskId, index) =>
    set((state) => {
      const panel = state.panels[taskId] ?? closedPanel;
      return { panels: { ...state.panels, [taskId]: { ...panel, comments: panel.comments.filter((_, at) => at !== index) } } };
    }),
}));

const noPlans: TaskPlans = { versions: [], loaded: false, error: null };
export const useTaskPlans = (taskId: string): TaskPlans => usePlansStore((s) => s.byTask[taskId] ?? noPlans);
export const usePlanPanel = (taskId: string): PanelState => usePlansStore((s) => s.panels[taskId] ?? closedPanel);
export const usePlanVersion = (taskId: string, version: number): PlanVersion | undefined =>
  usePlansStore((s) => s.byTask[taskId]?.versions.find((candidate) => candidate.version === version));
