import { useProject, useProjectsLoaded } from '../projects/projects-store';
import { PipelineView } from '../pipelines/PipelineView';
import { ProjectOverview } from '../projects/ProjectOverview';
import { DiffLensView } from '../review/DiffLensView';
import { useTask } from '../tasks/tasks-store';
import { TaskView } from '../workspace/TaskView';
import { useSelectionStore } from '../selection/selection-store';
import { useAppStore } from './app-store';
import { openNewPipelineDialog, openNewTaskDialog } from './use-global-shortcuts';
import { WelcomeEmptyState } from './WelcomeEmptyState';

/** The centre column: DiffLens when open, else the selected task or pipeline, else the selected project, else how to start. */
export function MainArea() {
  const selectedProjectId = useSelectionStore((s) => s.selectedProjectId);
  const selectedTaskId = useSelectionStore((s) => s.selectedTaskId);
  const loadError = useAppStore((s) => s.loadError);
  const loaded = useProjectsLoaded();
  const project = useProject(selectedProjectId);
  const task = useTask(selectedTaskId);
  const reviewing = useSelectionStore((s) => s.reviewing);
  const pipelineId = useSelectionStore((s) => s.selectedPipelineId);

  if (reviewing && project) return <DiffLensView project={project} />;
  if (task && project) return <TaskView task={task} project={project} onNewTask={openNewTaskDialog} />;
  if (pipelineId && project) return <PipelineView pipelineId={pipelineId} project={project} onNewPipeline={openNewPipelineDialog} />;
  if (project) return <ProjectOverview project={project} onNewTask={openNewTaskDialog} onNewPipeline={openNewPipelineDialog} />;
  if (loadError) {
    return (
      <main className="main empty-state" aria-label="Braid">
        <p role="alert" className="inline-error">
          Could not load projects: {loadError}
        </p>
      </main>
    );
  }
  if (!loaded) {
    return (
      <main className="main empty-state" aria-label="Braid" aria-busy="true">
        <p className="muted">Loading…</p>
      </main>
    );
  }
  return <WelcomeEmptyState />;
}
