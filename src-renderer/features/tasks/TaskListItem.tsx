import { useId } from 'react';
import { useSelectionStore } from '../selection/selection-store';
import { RadarBadge } from '../radar/RadarBadge';
import { modeLabel } from '../permissions/permission-text';
import { taskBadge } from './task-badge';
import { useChildTaskIds, useTasksStore } from './tasks-store';
import { useNotificationsStore } from '../notifications/notifications-store';

/**
 * A task in the sidebar: a button named by its title, described by its badge (agent status
 * or workspace state). It reads only those strings, so usage updates do not re-render it.
 * The conflict radar's badge sits beside the button (its own name and description). Its
 * subagents' tasks are listed under it, each openable like any task.
 */
export function TaskListItem({ taskId }: { taskId: string }) {
  const title = useTasksStore((s) => s.byId[taskId]?.title);
  const projectId = useTasksStore((s) => s.byId[taskId]?.projectId);
  const badgeLabel = useTasksStore((s) => {
    const task = s.byId[taskId];
    return task ? taskBadge(task).label : '';
  });
  const badgeTone = useTasksStore((s) => {
    const task = s.byId[taskId];
    return task ? taskBadge(task).tone : '';
  });
  const mode = useTasksStore((s) => s.byId[taskId]?.agent.mode.mode);
  const unseen = useNotificationsStore((s) => s.unseen[taskId] !== undefined);
  const subagent = useTasksStore((s) => s.byId[taskId]?.subagent?.agent);
  const isSelected = useSelectionStore((s) => s.selectedTaskId === taskId);
  const selectTask = useSelectionStore((s) => s.selectTask);
  const badgeId = useId();
  if (title === undefined || projectId === undefined) return null;
  return (
    <li className={`task-row${subagent ? ' task-row--subagent' : ''}`}>
      <button
        type="button"
        className="task-item"
        aria-label={title}
        aria-describedby={badgeId}
        aria-current={isSelected ? 'page' : undefined}
        onClick={() => selectTask(projectId, taskId)}
      >
        {subagent && (
          <span className="task-item__subagent" title={`Subagent ${subagent}`} aria-hidden="true">
            ↳
          </span>
        )}
        <span className="task-item__title">{title}</span>
        {unseen && <span className="attention-dot" title="Needed you while you were elsewhere" aria-hidden="true" />}
        <span id={badgeId} className={`badge badge--${badgeTone}`}>
          {badgeLabel}
        </span>
        {mode && (
          <span className={`mode-badge mode-badge--${mode}`} title="Permission mode">
            {modeLabel(mode)}
          </span>
        )}
      </button>
      {!subagent && <RadarBadge taskId={taskId} projectId={projectId} />}
      <SubagentTasks parentId={taskId} parentTitle={title} />
    </li>
  );
}

/** The subagents' tasks a task started, nested under it. */
function SubagentTasks({ parentId, parentTitle }: { parentId: string; parentTitle: string }) {
  const childIds = useChildTaskIds(parentId);
  if (childIds.length === 0) return null;
  return (
    <ul className="task-list task-list--nested" aria-label={`Subagents of ${parentTitle}`}>
      {childIds.map((id) => (
        <TaskListItem key={id} taskId={id} />
      ))}
    </ul>
  );
}
