import { TaskListItem } from './TaskListItem';
import { useRootTaskIds } from './tasks-store';

/**
 * A project's tasks in the sidebar, each with its subagents' tasks nested under it; re-renders
 * only when top-level tasks are added or removed.
 */
export function TaskList({ projectId, projectName }: { projectId: string; projectName: string }) {
  const taskIds = useRootTaskIds(projectId);
  if (taskIds.length === 0) return null;
  return (
    <ul className="task-list" aria-label={`Tasks in ${projectName}`}>
      {taskIds.map((id) => (
        <TaskListItem key={id} taskId={id} />
      ))}
    </ul>
  );
}
