import { isBusyStatus, type Task } from '../../../src-shared/contract';
import { agentStatusLabels } from '../tasks/task-badge';
import { useAgentResolving } from './merge-store';
import './merge.css';

/**
 * After "Ask the agent to resolve": a status line in the task view saying the agent works on
 * the conflicts (then, once it stopped, that its result waits for review and a new merge).
 */
export function MergeAgentNotice({ task }: { task: Task }) {
  const files = useAgentResolving(task.id);
  if (!files) return null;
  const busy = isBusyStatus(task.agent.status);
  return (
    <p role="status" className="merge-agent-notice">
      {busy
        ? `The agent is resolving the merge conflicts in ${files.join(', ')} (${agentStatusLabels[task.agent.status]}).`
        : `The agent worked on the merge conflicts in ${files.join(', ')}. Review its changes, then merge again.`}
    </p>
  );
}
