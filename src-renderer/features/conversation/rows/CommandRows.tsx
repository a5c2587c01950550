import { Markdown } from '../../../ui/markdown/Markdown';
import { useSelectionStore } from '../../selection/selection-store';
import { useTasksStore } from '../../tasks/tasks-store';
import type { CommandOutputItem, ContextClearedItem } from '../timeline-items';

/** What a built-in command printed, for the user only, with a way to open the tasks it started. */
export function CommandOutputRow({ item, taskId }: { item: CommandOutputItem; taskId: string }) {
  const projectId = useTasksStore((s) => s.byId[taskId]?.projectId ?? null);
  const selectTask = useSelectionStore((s) => s.selectTask);
  const typed = `/${item.name}${item.arguments ? ` ${item.arguments}` : ''}`;
  return (
    <section className="command-output" aria-label={`Output of ${typed}`}>
      <p className="command-output__typed mono">{typed}</p>
      <Markdown source={item.text} />
      {item.tasks.length > 0 && projectId && (
        <p className="command-output__tasks">
          {item.tasks.map((task) => (
            <button key={task.taskId} type="button" className="button button--small" onClick={() => selectTask(projectId, task.taskId)}>
              Open {task.title}
            </button>
          ))}
        </p>
      )}
    </section>
  );
}

/** `/clear`: a marker the rows above stay behind (the user still reads them; the agent does not). */
export function ContextClearedMarker(_: { item: ContextClearedItem }) {
  return (
    <p className="status-line status-line--cleared">
      <span>Context cleared: the agent does not see the messages above</span>
    </p>
  );
}
