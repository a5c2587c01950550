import { useEffect, useState } from 'react';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { GateLogView } from './GateLogView';
import { useQueueStore } from './queue-store';

/**
 * An entry's gate log: loaded when shown (`mergeQueue.log`), then grown by the live output the
 * sync appends; loaded again when a new attempt starts.
 */
export function GateLog({ entryId, attempt, title, running }: { entryId: string; attempt: number; title: string; running: boolean }) {
  const api = useBridge();
  const log = useQueueStore((s) => s.logs[entryId]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    useQueueStore.getState().startLog(entryId);
    void api.invoke('mergeQueue.log', { entryId }).then((result) => {
      if (!live) return;
      if (result.ok) useQueueStore.getState().putLog(entryId, result.data);
      else setError(result.error.message);
    });
    return () => {
      live = false;
      useQueueStore.getState().dropLog(entryId);
    };
  }, [api, entryId, attempt]);
  return (
    <>
      <InlineError message={error && `Could not read the log: ${error}`} />
      <GateLogView text={log?.text ?? ''} label={`Gate log of ${title}`} live={running} />
    </>
  );
}
