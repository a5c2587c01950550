import { create } from 'zustand';
import type { PipelineSummary, PipelineView } from '../../../src-shared/contract';
import { summaryOf } from './pipeline-text';

interface PipelinesState {
  /** Per project, oldest first (`pipelines.list`, then kept current from each pipeline's view). */
  byProject: Record<string, PipelineSummary[]>;
  /** The stages of the pipelines loaded (`pipelines.get`), by id. */
  views: Record<string, PipelineView>;
  /** Why a pipeline's view could not be read, by id. */
  errors: Record<string, string>;
  /** The sidebar's groups the user folded, by pipeline id. */
  collapsed: Record<string, true>;
  replaceProject(projectId: string, pipelines: PipelineSummary[]): void;
  /** A pipeline's fresh view: stored, and its line in the project's list updated (or added). */
  putView(view: PipelineView): void;
  fail(pipelineId: string, message: string): void;
  forgetProjects(projectIds: readonly string[]): void;
  toggleCollapsed(pipelineId: string): void;
}

const none: PipelineSummary[] = [];

/** The pipelines of each project and the views loaded, for the sidebar's groups and the pipeline view. */
export const usePipelinesStore = create<PipelinesState>()((set) => ({
  byProject: {},
  views: {},
  errors: {},
  collapsed: {},
  replaceProject: (projectId, pipelines) => set((state) => ({ byProject: { ...state.byProject, [projectId]: pipelines } })),
  putView: (view) =>
    set((state) => {
      const { projectId, id } = view.pipeline;
      const summary = summaryOf(view);
      const list = state.byProject[projectId] ?? [];
      const known = list.some((entry) => entry.id === id);
      const next = known ? list.map((entry) => (entry.id === id ? summary : entry)) : [...list, summary].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
      const { [id]: _error, ...errors } = state.errors;
      return { views: { ...state.views, [id]: view }, byProject: { ...state.byProject, [projectId]: next }, errors };
    }),
  fail: (pipelineId, message) => set((state) => ({ errors: { ...state.errors, [pipelineId]: message } })),
  forgetProjects: (projectIds) =>
    set((state) => {
      const gone = new Set(projectIds);
      return {
        byProject: Object.fromEntries(Object.entries(state.byProject).filter(([id]) => !gone.has(id))),
        views: Object.fromEntries(Object.entries(state.views).filter(([, view]) => !gone.has(view.pipeline.projectId))),
      };
    }),
  toggleCollapsed: (pipelineId) =>
    set((state) => {
      if (state.collapsed[pipelineId]) {
        const { [pipelineId]: _open, ...collapsed } = state.collapsed;
        return { collapsed };
      }
      return { collapsed: { ...state.collapsed, [pipelineId]: true } };
    }),
}));

export const useProjectPipelines = (projectId: string) => usePipelinesStore((s) => s.byProject[projectId] ?? none);
export const usePipelineView = (pipelineId: string | null) => usePipelinesStore((s) => (pipelineId ? s.views[pipelineId] : undefined));
export const usePipelineSummary = (projectId: string, pipelineId: string) => usePipelinesStore((s) => s.byProject[projectId]?.find((entry) => entry.id === pipelineId));
