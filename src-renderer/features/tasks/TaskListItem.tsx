import { useId } from 'react';
import { useAppStore } from '../app/app-store';
import { WorkspaceStateBadge } from '../workspace/WorkspaceStateBadge';
import { useTask } from './tasks-store';

/** A task in the sidebar: a button named by its title, described by its workspace state. */
export function TaskListItem({ taskId }: { taskId: string }) {
  const task = useTask(taskId);
  const isSelected = useAppStore((s) => s.selectedTaskId === taskId);
  const selectTask = useAppStore((s) => s.selectTask);
  const badgeId = useId();
  if (!task) return null;
  return (
    <li>
      <button
        type="button"
        className="task-item"
        aria-label={task.title}
        aria-describedby={badgeId}
        aria-current={isSelected ? 'page' : undefined}
        onClick={() => selectTask(task.projectId, task.id)}
      >
        <span className="task-item__title">{task.title}</span>
        <WorkspaceStateBadge id={badgeId} state={task.workspace.state} />
      </button>
    </li>
  );
}
