import { useId } from 'react';
import { useSelectionStore } from '../selection/selection-store';
import { TaskList } from '../tasks/TaskList';
import { ReviewProjectButton } from '../review/ReviewProjectButton';
import { OrphanList } from '../workspace/OrphanList';
import { BranchSummary } from './BranchSummary';
import { useProject } from './projects-store';

/** One project in the sidebar: its header, its tasks, and leftover workspaces if any. */
export function ProjectSection({ projectId }: { projectId: string }) {
  const project = useProject(projectId);
  const isSelected = useSelectionStore((s) => s.selectedProjectId === projectId && s.selectedTaskId === null);
  const selectProject = useSelectionStore((s) => s.selectProject);
  const branchId = useId();
  if (!project) return null;
  return (
    <li className="project">
      <button
        type="button"
        className="project__header"
        aria-label={project.name}
        aria-describedby={branchId}
        aria-current={isSelected ? 'page' : undefined}
        title={project.path}
        onClick={() => selectProject(projectId)}
      >
        <span className="project__name">{project.name}</span>
        <span id={branchId} className="project__branch">
          <BranchSummary project={project} />
        </span>
      </button>
      <ReviewProjectButton projectId={projectId} projectName={project.name} />
      <TaskList projectId={projectId} projectName={project.name} />
      <OrphanList projectId={projectId} projectName={project.name} />
    </li>
  );
}
