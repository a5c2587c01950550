import { create } from 'zustand';

interface SelectionState {
  selectedProjectId: string | null;
  selectedTaskId: string | null;
  /** A pipeline's view is on screen (no task selected then). */
  selectedPipelineId: string | null;
  /** DiffLens is on screen (for the selected project, focused on the selected task). */
  reviewing: boolean;
  selectProject(projectId: string | null): void;
  selectTask(projectId: string, taskId: string): void;
  selectPipeline(projectId: string, pipelineId: string): void;
  /** Opens DiffLens for a project; `taskId` picks the task in it (undefined keeps the selected one if it belongs there). */
  openReview(projectId: string, taskId?: string | null): void;
  closeReview(): void;
}

/** What the user is looking at: which project, which task or pipeline, and whether DiffLens is open. */
export const useSelectionStore = create<SelectionState>()((set) => ({
  selectedProjectId: null,
  selectedTaskId: null,
  selectedPipelineId: null,
  reviewing: false,
  selectProject: (selectedProjectId) => set({ selectedProjectId, selectedTaskId: null, selectedPipelineId: null, reviewing: false }),
  selectTask: (selectedProjectId, selectedTaskId) => set({ selectedProjectId, selectedTaskId, selectedPipelineId: null, reviewing: false }),
  selectPipeline: (selectedProjectId, selectedPipelineId) => set({ selectedProjectId, selectedTaskId: null, selectedPipelineId, reviewing: false }),
  openReview: (projectId, taskId) =>
    set((state) => ({
      selectedProjectId: projectId,
      selectedTaskId: taskId !== undefined ? taskId : state.selectedProjectId === projectId ? state.selectedTaskId : null,
      selectedPipelineId: null,
      reviewing: true,
    })),
  closeReview: () => set({ reviewing: false }),
}));

/** For the syncs: calls `listener` with the newly selected task (or null) each time it changes. */
export function onSelectedTaskChanged(listener: (taskId: string | null) => void): () => void {
  return useSelectionStore.subscribe((state, before) => {
    if (state.selectedTaskId !== before.selectedTaskId) listener(state.selectedTaskId);
  });
}
