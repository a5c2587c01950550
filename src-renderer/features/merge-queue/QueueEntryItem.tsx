import { useEffect, useState } from 'react';
import type { QueueEntry } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { MergeDialog } from '../merge/MergeDialog';
import { useMergeStore } from '../merge/merge-store';
import { useSelectionStore } from '../selection/selection-store';
import { useTask } from '../tasks/tasks-store';
import { GateLog } from './GateLog';
import { elapsedText, entryElapsedMs, entryStateText, isActive } from './queue-text';

interface QueueEntryItemProps {
  entry: QueueEntry;
  /** Its place among the waiting and running entries (1 = the head); null once finished. */
  place: number | null;
  /** How many entries wait or run, for Move down. */
  activeCount: number;
}

/** Re-renders every second while `running`, for the elapsed time. */
function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return running ? now : Date.now();
}

/**
 * One entry of a queue (list item named by its task): its state, elapsed time and strategy,
 * Move up / Move down / Remove while it waits or runs, the live gate log while it is tested;
 * once ejected, why, with what to do next (send the failure to the agent, ask the agent to
 * resolve the conflict, the three-way view).
 */
export function QueueEntryItem({ entry, place, activeCount }: QueueEntryItemProps) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const [status, setStatus] = useState<string | null>(null);
  const [resolving, setResolving] = useState(false);
  const task = useTask(entry.taskId);
  const active = isActive(entry);
  const running = entry.state === 'building' || entry.state === 'testing' || entry.state === 'landing';
  const now = useNow(running);
  const elapsed = entryElapsedMs(entry, now);
  const title = entry.taskTitle;
  const showLog = entry.state === 'testing' || (entry.hasLog && !active);

  const move = (toIndex: number) => run(() => api.invoke('mergeQueue.move', { entryId: entry.id, toIndex }));
  const remove = () => run(() => api.invoke('mergeQueue.remove', { entryId: entry.id }));
  const sendFailure = async () => {
    const result = await run(() => api.invoke('mergeQueue.sendFailure', { entryId: entry.id }));
    if (result?.ok) setStatus(`Sent the failure to the agent (${result.data.delivery}).`);
  };
  const askAgent = async () => {
    const result = await run(() => api.invoke('merge.askAgent', { taskId: entry.taskId }));
    if (!result?.ok) return;
    if (result.data.conflicts.length === 0) {
      setStatus('The target merged into the workspace cleanly: nothing for the agent to resolve. Add the task to the queue again.');
      return;
    }
    useMergeStore.getState().setAgentResolving(entry.taskId, result.data.conflicts);
    setStatus(`Asked the agent to resolve ${result.data.conflicts.join(', ')}.`);
  };

  const ejection = entry.ejection;
  return (
    <li className={`queue-entry queue-entry--${entry.state}`} aria-label={title}>
      <div className="queue-entry__row">
        <button type="button" className="link-button queue-entry__title" onClick={() => useSelectionStore.getState().selectTask(entry.projectId, entry.taskId)}>
          {title}
        </button>
        <span className={`queue-entry__state queue-entry__state--${entry.state}`}>{entryStateText(entry, place)}</span>
        {elapsed !== null && <span className="queue-entry__elapsed">{elapsedText(elapsed)}</span>}
        <span className="queue-entry__facts muted">
          {entry.strategy}
          {entry.options.files || entry.options.hunks ? ', selected changes' : ''}
          {entry.attempts > 1 ? `, attempt ${entry.attempts}` : ''}
        </span>
        {active && (
          <span className="queue-entry__actions">
            <button type="button" className="button button--small" disabled={pending || place === 1} onClick={() => void move((place ?? 1) - 2)} aria-label={`Move ${title} up`}>
              Move up
            </button>
            <button type="button" className="button button--small" disabled={pending || place === activeCount} onClick={() => void move(place ?? activeCount)} aria-label={`Move ${title} down`}>
              Move down
            </button>
            <button type="button" className="button button--small" disabled={pending} onClick={() => void remove()} aria-label={`Remove ${title} from the queue`}>
              Remove
            </button>
          </span>
        )}
      </div>
      {entry.state === 'landed' && entry.landed && (
        <p className="queue-entry__outcome">
          Landed: {entry.landed.previousCommit.slice(0, 10)} → <span className="mono">{entry.landed.newCommit.slice(0, 10)}</span>
        </p>
      )}
      {ejection && entry.state === 'ejected' && (
        <div className="queue-entry__outcome" role="group" aria-label={`Why ${title} was ejected`}>
          <p>{ejection.message}</p>
          {ejection.files.length > 0 && (
            <ul className="queue-entry__files" aria-label={`Conflicted files of ${title}`}>
              {ejection.files.map((file) => (
                <li key={file} className="mono">
                  {file}
                </li>
              ))}
            </ul>
          )}
          <div className="queue-entry__actions">
            {(ejection.kind === 'gate-failed' || ejection.kind === 'gate-timeout') && (
              <button type="button" className="button button--small" disabled={pending} onClick={() => void sendFailure()}>
                Send the failure to the agent
              </button>
            )}
            {ejection.kind === 'conflict' && (
              <>
                <button type="button" className="button button--small" disabled={pending} onClick={() => void askAgent()}>
                  Ask the agent to resolve
                </button>
                <button type="button" className="button button--small" disabled={!task || task.workspace.state !== 'ready'} onClick={() => setResolving(true)}>
                  Resolve in the three-way view
                </button>
              </>
            )}
            <button type="button" className="button button--small" disabled={pending} onClick={() => void remove()} aria-label={`Dismiss ${title}`}>
              Dismiss
            </button>
          </div>
        </div>
      )}
      {status && <p role="status">{status}</p>}
      <InlineError message={error} />
      {showLog && (
        <details className="queue-entry__log" open={entry.state === 'testing' || entry.ejection?.kind === 'gate-failed' || entry.ejection?.kind === 'gate-timeout'}>
          <summary>Gate log</summary>
          <GateLog entryId={entry.id} attempt={entry.attempts} title={title} running={entry.state === 'testing'} />
        </details>
      )}
      {resolving && task && <MergeDialog task={task} onClose={() => setResolving(false)} />}
    </li>
  );
}
