import { PipelineGroup } from '../pipelines/PipelineGroup';
import { sidebarEntries } from './sidebar-entries';
import { TaskListItem } from './TaskListItem';
import { useRootTaskIds, useTasksStore } from './tasks-store';

/**
 * A project's tasks in the sidebar: a pipeline's grouped under it, each task with its subagents'
 * tasks nested under it; re-renders only when top-level tasks are added or removed (a task's
 * pipeline never changes).
 */
export function TaskList({ projectId, projectName }: { projectId: string; projectName: string }) {
  const taskIds = useRootTaskIds(projectId);
  // A string, so the list re-renders only when the grouping itself changes.
  const pipelines = useTasksStore((s) => taskIds.map((id) => s.byId[id]?.pipelineId ?? '').join(','));
  if (taskIds.length === 0) return null;
  const pipelineIds = pipelines.split(',');
  const byTask = new Map(taskIds.map((id, index) => [id, pipelineIds[index] || null]));
  const entries = sidebarEntries(taskIds, (taskId) => byTask.get(taskId) ?? null);
  return (
    <ul className="task-list" aria-label={`Tasks in ${projectName}`}>
      {entries.map((entry) =>
        entry.kind === 'task' ? (
          <TaskListItem key={entry.taskId} taskId={entry.taskId} />
        ) : (
          <PipelineGroup key={entry.pipelineId} projectId={projectId} pipelineId={entry.pipelineId} taskIds={entry.taskIds} />
        ),
      )}
    </ul>
  );
}
