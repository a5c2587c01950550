import { agentDefinitionSourceLabels, type Task } from '../../../src-shared/contract';
import { useSelectionStore } from '../selection/selection-store';
import { useTask } from '../tasks/tasks-store';
import './subagents.css';

/**
 * On a subagent's task: which definition it runs (and from where), how deep it is, and the
 * task that started it, one click away. It works in that task's workspace.
 */
export function SubagentOrigin({ task }: { task: Task }) {
  const parent = useTask(task.parentTaskId);
  const selectTask = useSelectionStore((s) => s.selectTask);
  if (!task.subagent) return null;
  const { agent, source, depth } = task.subagent;
  return (
    <p className="subagent-origin" role="note" aria-label="Subagent">
      Subagent <strong className="mono">{agent}</strong> <span className="muted">({agentDefinitionSourceLabels[source]}{depth > 1 ? `, depth ${depth}` : ''})</span>, started by{' '}
      {parent ? (
        <button type="button" className="link-button" onClick={() => selectTask(parent.projectId, parent.id)}>
          {parent.title}
        </button>
      ) : (
        <span className="muted">a task that is gone</span>
      )}
      . It works in that task’s workspace; its last message is the answer that task gets.
    </p>
  );
}
