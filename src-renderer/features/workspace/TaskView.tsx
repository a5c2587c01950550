import type { Project, Task } from '../../../src-shared/contract';
import { openNewTaskDialog } from '../app/use-global-shortcuts';
import { CopyPathButton } from './CopyPathButton';
import { DeleteTaskButton } from './DeleteTaskButton';
import { RecreateWorkspaceButton } from './RecreateWorkspaceButton';
import { WorkspaceStateBadge } from './WorkspaceStateBadge';

/** The selected task: what it is for, where its worktree lives, and what state that is in. */
export function TaskView({ task, project }: { task: Task; project: Project }) {
  const { workspace } = task;
  const troubled = workspace.state === 'failed' || workspace.state === 'missing';
  return (
    <main className="main" aria-label={task.title}>
      <header className="main__header">
        <div className="main__heading">
          <p className="main__eyebrow">{project.name}</p>
          <h1 className="main__title">{task.title}</h1>
        </div>
        <button type="button" className="button button--primary" onClick={openNewTaskDialog}>
          New task
        </button>
      </header>

      <dl className="facts">
        <dt>State</dt>
        <dd>
          <WorkspaceStateBadge state={workspace.state} />
        </dd>
        <dt>Role</dt>
        <dd>{task.role}</dd>
        <dt>Branch</dt>
        <dd className="mono">
          {workspace.baseBranch} → {workspace.branch}
        </dd>
        <dt>Workspace</dt>
        <dd className="facts__path">
          <span className="mono selectable">{workspace.path}</span>
          <CopyPathButton path={workspace.path} />
        </dd>
      </dl>

      {troubled && (
        <section className={`notice notice--${workspace.state}`} aria-label="Workspace problem">
          <p>
            <strong>{workspace.state === 'failed' ? 'The workspace could not be created.' : 'The workspace is missing.'}</strong>{' '}
            {workspace.stateReason}
          </p>
          {workspace.state === 'missing' && <RecreateWorkspaceButton task={task} />}
        </section>
      )}

      <section className="prompt" aria-labelledby={`prompt-${task.id}`}>
        <h2 id={`prompt-${task.id}`} className="section-title">
          Prompt
        </h2>
        {task.prompt.trim() === '' ? <p className="muted">No prompt.</p> : <pre className="prompt__text">{task.prompt}</pre>}
      </section>

      <div className="main__footer-actions">
        <DeleteTaskButton task={task} />
      </div>
    </main>
  );
}
