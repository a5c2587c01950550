import { useEffect, useState, type FormEvent } from 'react';
import type { QueueSettingsView } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';

/** The project's queue settings (form `Queue settings`, folded): gate command and timeout, speculative depth 2, review gate. */
export function QueueSettingsForm({ projectId }: { projectId: string }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const [loaded, setLoaded] = useState<QueueSettingsView | null>(null);
  const [command, setCommand] = useState('');
  const [timeout, setTimeoutSec] = useState('600');
  const [speculative, setSpeculative] = useState(false);
  const [reviewGate, setReviewGate] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void api.invoke('mergeQueue.settings', { projectId }).then((result) => {
      if (!live || !result.ok) return;
      setLoaded(result.data);
      setCommand(result.data.gateCommand ?? '');
      setTimeoutSec(String(result.data.gateTimeoutSec));
      setSpeculative(result.data.speculative);
      setReviewGate(result.data.reviewGate);
    });
    return () => {
      live = false;
    };
  }, [api, projectId]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const result = await run(() =>
      api.invoke('mergeQueue.setSettings', { projectId, gateCommand: command.trim() === '' ? null : command.trim(), gateTimeoutSec: Number(timeout), speculative, reviewGate }),
    );
    if (result?.ok) {
      setLoaded(result.data);
      setSaved(true);
    }
  };

  return (
    <details className="merge-queue__settings">
      <summary>Queue settings</summary>
      <form aria-label="Queue settings" onSubmit={(event) => void save(event)}>
        <label className="field">
          <span className="field__label">Gate command</span>
          <input className="input mono" value={command} onChange={(event) => setCommand(event.target.value)} placeholder="empty: test in .braid/workspace.json" />
        </label>
        <label className="field">
          <span className="field__label">Gate timeout (seconds)</span>
          <input className="input" type="number" min={5} max={21_600} value={timeout} onChange={(event) => setTimeoutSec(event.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={speculative} onChange={(event) => setSpeculative(event.target.checked)} />
          Test the next entry on top of the running one (speculative)
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={reviewGate} disabled={loaded !== null && !loaded.reviewGateAvailable} onChange={(event) => setReviewGate(event.target.checked)} />
          Review gate: hold back tasks with open P0/P1 findings
        </label>
        <InlineError message={error} />
        <div className="modal__actions">
          {saved && <span role="status">Saved.</span>}
          <button type="submit" className="button" disabled={pending || loaded === null}>
            Save queue settings
          </button>
        </div>
      </form>
    </details>
  );
}
