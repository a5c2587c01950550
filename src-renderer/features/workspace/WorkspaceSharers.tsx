import { useShallow } from 'zustand/react/shallow';
import type { Task } from '../../../src-shared/contract';
import { useSelectionStore } from '../selection/selection-store';
import { useTasksStore } from '../tasks/tasks-store';

/**
 * Every other task on this task's workspace (W5: a review task works in the worktree of the
 * task it reviews), each a link to it. Nothing when the task has the workspace to itself; subagents' tasks
 * are nested under their parent in the sidebar instead.
 */
export function WorkspaceSharers({ task }: { task: Task }) {
  const selectTask = useSelectionStore((s) => s.selectTask);
  // The tasks themselves (their objects change only when they do), so other tasks' updates re-render nothing here.
  const others = useTasksStore(
    useShallow((s) => (s.idsByProject[task.projectId] ?? []).map((id) => s.byId[id]).filter((other): other is Task => other !== undefined && other.id !== task.id && other.workspace.id === task.workspace.id && other.parentTaskId === null)),
  );
  // Subagents' tasks are nested under their parent in the sidebar, and a subagent's view names its parent.
  if (others.length === 0 || task.parentTaskId !== null) return null;
  return (
    <>
      <dt>Shared with</dt>
      <dd>
        <ul className="inline-list" aria-label="Tasks sharing this workspace">
          {others.map((other) => (
            <li key={other.id}>
              <button type="button" className="link-button" onClick={() => selectTask(other.projectId, other.id)}>
                {other.title}
              </button>
              <span className="muted">{other.id === task.reviewedTaskId ? ' (the task reviewed)' : other.reviewedTaskId === task.id ? ' (reviews this work)' : ` (${other.role})`}</span>
            </li>
          ))}
        </ul>
      </dd>
    </>
  );
}
