import { useSelectionStore } from '../selection/selection-store';
import { agentStatusLabels } from '../tasks/task-badge';
import { useChildTaskIds, useTasksStore } from '../tasks/tasks-store';
import './subagents.css';

/** On a `delegate` call's card: the subagent's task it started, with its status, to open it. */
export function DelegateCallLink({ taskId, callId }: { taskId: string; callId: string }) {
  const childIds = useChildTaskIds(taskId);
  const child = useTasksStore((s) => childIds.map((id) => s.byId[id]).find((task) => task?.subagent?.callId === callId));
  const selectTask = useSelectionStore((s) => s.selectTask);
  if (!child) return null;
  return (
    <p className="delegate-link">
      <button type="button" className="button button--small" onClick={() => selectTask(child.projectId, child.id)}>
        Open subagent {child.subagent?.agent}
      </button>{' '}
      <span className={`badge badge--${child.agent.status}`}>{agentStatusLabels[child.agent.status]}</span>
    </p>
  );
}
