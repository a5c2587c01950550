import { useId } from 'react';
import type { MergeQueueView } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { trustToOffer } from './gate-trust-text';
import { GateTrustView } from './GateTrustView';
import { QueueEntryItem } from './QueueEntryItem';
import { QueueSettingsForm } from './QueueSettingsForm';
import { useProjectQueues, useQueueStore } from './queue-store';
import { gateText, isActive, queueStatusText } from './queue-text';
import './merge-queue.css';

/**
 * The project's merge queues (region `Merge queue`): per target branch its state, the gate, the
 * entries in order with what each is doing, pause and resume (and, while it waits for the
 * target's workspace config to be trusted, that config with "Trust and resume"); the newest landing or ejection as
 * a live status; the queue settings.
 */
export function MergeQueuePanel({ projectId }: { projectId: string }) {
  const queues = useProjectQueues(projectId);
  const settled = useQueueStore((s) => s.settledByProject[projectId]);
  const headingId = useId();
  return (
    <section className="merge-queue" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        Merge queue
      </h2>
      <p role="status" className="merge-queue__news">
        {settled ? settled.message : ''}
      </p>
      {queues.length === 0 ? (
        <p className="muted">Nothing is queued. Add a finished task from its merge dialog or from DiffLens: Braid lands it on the latest base only if its gate passes there.</p>
      ) : (
        queues.map((queue) => <QueueSection key={queue.targetBranch} queue={queue} />)
      )}
      <QueueSettingsForm projectId={projectId} />
    </section>
  );
}

function QueueSection({ queue }: { queue: MergeQueueView }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const headingId = useId();
  const active = queue.entries.filter(isActive);
  const trust = trustToOffer(queue);
  const toggle = () =>
    run(() => api.invoke(queue.paused ? 'mergeQueue.resume' : 'mergeQueue.pause', { projectId: queue.projectId, targetBranch: queue.targetBranch }));
  return (
    <section className="merge-queue__queue" aria-labelledby={headingId}>
      <header className="merge-queue__header">
        <h3 id={headingId} className="merge-queue__title">
          Queue into <span className="mono">{queue.targetBranch}</span>
        </h3>
        <span className={`merge-queue__status${queue.paused ? ' merge-queue__status--paused' : ''}`}>{queueStatusText(queue)}</span>
        <button type="button" className="button button--small" onClick={() => void toggle()} disabled={pending}>
          {queue.paused ? 'Resume' : 'Pause'}
        </button>
      </header>
      <p className="merge-queue__gate mono">{gateText(queue.gate)}</p>
      <InlineError message={error} />
      {trust && <GateTrustView queue={queue} trust={trust} />}
      <ol className="merge-queue__entries" aria-label={`Entries in the queue into ${queue.targetBranch}`}>
        {queue.entries.map((entry) => {
          const index = active.indexOf(entry);
          return <QueueEntryItem key={entry.id} entry={entry} place={index === -1 ? null : index + 1} activeCount={active.length} />;
        })}
      </ol>
    </section>
  );
}
