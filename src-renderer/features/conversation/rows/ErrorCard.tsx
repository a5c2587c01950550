import { isBusyStatus } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { useTasksStore } from '../../tasks/tasks-store';
import { useIsActiveError } from '../timeline-store';
import type { ErrorItem } from '../timeline-items';

/** A failure the run could not get past. The newest one offers Retry (a resume). */
export function ErrorCard({ item, taskId }: { item: ErrorItem; taskId: string }) {
  const api = useBridge();
  const active = useIsActiveError(taskId, item.key);
  const busy = useTasksStore((s) => isBusyStatus(s.byId[taskId]?.agent.status ?? 'idle'));
  const { pending, error, run } = useHostAction();
  const retry = () => run(() => api.invoke('agent.resume', { taskId }));

  return (
    <div role="alert" className="error-card">
      <p className="error-card__message">{item.message}</p>
      <p className="error-card__code mono">{item.code}</p>
      {active && item.retryable && !busy && (
        <button type="button" className="button" onClick={retry} disabled={pending} aria-busy={pending}>
          Retry
        </button>
      )}
      <InlineError message={error} />
    </div>
  );
}
