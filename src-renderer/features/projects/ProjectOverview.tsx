import type { Project } from '../../../src-shared/contract';
import { shortcutLabel } from '../../ui/shortcut-label';
import { AuditDisclosure } from '../audit/AuditDisclosure';
import { useTaskIds } from '../tasks/tasks-store';
import { RemoveProjectButton } from './RemoveProjectButton';

/** A project with no task selected: its facts, and what to do next. */
export function ProjectOverview({ project, onNewTask, onNewPipeline }: { project: Project; onNewTask(): void; onNewPipeline(): void }) {
  const taskCount = useTaskIds(project.id).length;

  return (
    <main className="main" aria-label={project.name}>
      <header className="main__header">
        <h1 className="main__title">{project.name}</h1>
        <div className="main__header-actions">
          <button type="button" className="button" onClick={onNewPipeline} title="A goal taken through plan → implement → review → merge, with the project's gates">
            New pipeline
          </button>
          <button type="button" className="button button--primary" onClick={onNewTask}>
            New task
          </button>
        </div>
      </header>
      <dl className="facts">
        <dt>Path</dt>
        <dd className="mono selectable">{project.path}</dd>
        <dt>Current branch</dt>
        <dd className="mono">{project.currentBranch ?? 'detached HEAD'}</dd>
        <dt>Default branch</dt>
        <dd className="mono">{project.defaultBranch ?? 'unknown'}</dd>
      </dl>
      {taskCount === 0 ? (
        <div className="empty-state empty-state--inline">
          <p className="empty-state__lead">Create a task ({shortcutLabel('N')})</p>
          <p className="muted">A task gets its own worktree on a new branch made from the base branch you choose.</p>
        </div>
      ) : (
        <p className="muted">Select a task in the sidebar, or create another ({shortcutLabel('N')}).</p>
      )}
      <AuditDisclosure projectId={project.id} scope="project" summary="Audit trail of the project" />
      <div className="main__footer-actions">
        <RemoveProjectButton project={project} />
      </div>
    </main>
  );
}
