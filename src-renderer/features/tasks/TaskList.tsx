import { TaskListItem } from './TaskListItem';
import { useTaskIds } from './tasks-store';

/** A project's tasks in the sidebar; re-renders only when tasks are added or removed. */
export function TaskList({ projectId, projectName }: { projectId: string; projectName: string }) {
  const taskIds = useTaskIds(projectId);
  if (taskIds.length === 0) return null;
  return (
    <ul className="task-list" aria-label={`Tasks in ${projectName}`}>
      {taskIds.map((id) => (
        <TaskListItem key={id} taskId={id} />
      ))}
    </ul>
  );
}
