import { useEffect, useState } from 'react';
import { reviewGateModes, type ReviewGateMode } from '../../../../src-shared/contract';
import { useBridge } from '../../../bridge/bridge-context';
import { InlineError } from '../../../ui/InlineError';
import { useHostAction } from '../../../ui/use-host-action';
import { gateModeWords } from '../../review-role/review-text';
import { reloadPipelines } from '../../pipelines/pipelines-sync';
import { reviewsSync } from '../../review-role/reviews-sync';

/**
 * Settings → Review: the project's review gate. Off: merges ignore findings; warn: the merge
 * dialog names open P0/P1 findings; block: no merge while one is open, unless the user merges
 * anyway with a reason (audited).
 */
export function ReviewGatePanel({ projectId }: { projectId?: string }) {
  const api = useBridge();
  const [mode, setMode] = useState<ReviewGateMode | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { pending, error, run } = useHostAction();

  useEffect(() => {
    if (!projectId) return;
    let current = true;
    void api.invoke('projects.pipelineSettings.get', { projectId }).then((result) => {
      if (!current) return;
      if (result.ok) setMode(result.data.reviewGate);
      else setLoadError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api, projectId]);

  if (!projectId) return <p className="muted">Select a project to set its review gate.</p>;
  if (mode === null) return loadError ? <InlineError message={loadError} /> : <p className="muted">Loading…</p>;

  const choose = async (next: ReviewGateMode) => {
    setNotice(null);
    const before = mode;
    // The choice shows at once (a radio that springs back until the host answers reads as refused); undone if refused.
    setMode(next);
    const result = await run(() => api.invoke('projects.pipelineSettings.set', { projectId, settings: { reviewGate: next } }));
    if (!result?.ok) {
      setMode(before);
      return;
    }
    setMode(result.data.reviewGate);
    setNotice(`Saved: the review gate is ${result.data.reviewGate}.`);
    // The gate's state on every loaded review and pipeline follows the new mode.
    reviewsSync()?.reloadAll();
    reloadPipelines();
  };
  return (
    <div className="settings-section">
      <fieldset className="field" disabled={pending}>
        <legend className="field__label">Review gate</legend>
        {reviewGateModes.map((option) => (
          <label key={option} className="checkbox">
            <input type="radio" name="review-gate" value={option} checked={mode === option} onChange={() => void choose(option)} />
            {gateModeWords[option]}
          </label>
        ))}
      </fieldset>
      <p className="muted">The gate counts P0 and P1 findings that are neither dismissed nor fixed by a later review; “likely addressed” still counts until a review says so.</p>
      {notice && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      <InlineError message={error} />
    </div>
  );
}
