import { useState } from 'react';
import type { MergeOutcomeView, MergePreviewView, Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useProjectRadar } from '../radar/radar-store';
import { CheckGateNotice } from '../pipelines/CheckGateNotice';
import { ReviewGateNotice } from '../review-role/ReviewGateNotice';
import { MergeAnywayReason } from './MergeAnywayReason';
import type { MergeChoices } from './merge-choices';
import { canMerge } from './merge-preview-text';
import { MergeChoicesForm } from './MergeChoicesForm';
import { MergePreviewPanel } from './MergePreviewPanel';
import { useMergePreview } from './use-merge-preview';

interface MergeChooserProps {
  task: Task;
  /** Kept by the dialog, so they survive an abort or a trip through the conflicts. */
  choices: MergeChoices;
  /** Gets an update of the latest choices (a state setter does). */
  onChoicesChange(update: (choices: MergeChoices) => MergeChoices): void;
  /** Said at the top, e.g. after an abort. */
  notice: string | null;
  onOutcome(outcome: MergeOutcomeView, preview: MergePreviewView): void;
  onCancel(): void;
}

/**
 * The first step: choices on the left, the live preview on the right, and "Merge", which runs
 * exactly the previewed request pinned to the previewed commits.
 */
export function MergeChooser({ task, choices, onChoicesChange, notice, onOutcome, onCancel }: MergeChooserProps) {
  const api = useBridge();
  const { pending, error, run, clearError } = useHostAction();
  const [refreshes, setRefreshes] = useState(0);
  const [overrideReason, setOverrideReason] = useState('');
  // The radar is recomputed when the workspace or its base moves: then the preview is stale too.
  const radarTime = useProjectRadar(task.projectId)?.computedAt ?? 0;
  const refreshToken = `${refreshes}:${radarTime}`;
  const state = useMergePreview(task.id, choices, refreshToken, true);
  const { preview, request } = state;

  const change = (update: (choices: MergeChoices) => MergeChoices) => {
    clearError();
    onChoicesChange(update);
  };

  const merge = async () => {
    if (!preview || !request || !state.current) return;
    const result = await run(() => {
      // Pinned to what the preview showed, its commit of uncommitted files included: that very commit lands.
      const expected = { targetCommit: preview.targetCommit, workspaceHead: preview.workspaceHead, uncommittedCommit: preview.uncommittedCommit?.sha ?? null };
      // "Merge anyway": only while a gate blocks, with the user's reason.
      const override = blocked ? { reason: overrideReason.trim() } : undefined;
      return api.invoke('merge.run', { ...request, expected, ...(override ? { override } : {}) });
    });
    if (!result) return;
    if (result.ok) {
      onOutcome(result.data, preview);
      return;
    }
    // Something moved since the preview: preview again (and re-read open hunk lists).
    // The gate's findings moved since (a finding dismissed or raised): the preview says what holds now.
    if (['MERGE_OUTDATED', 'HUNK_CHANGED', 'REVIEW_GATE_BLOCKED', 'CHECK_GATE_BLOCKED'].includes(result.error.code)) setRefreshes((n) => n + 1);
  };

  const blockingGates = preview ? [...(preview.reviewGate.verdict === 'blocked' ? ['review'] : []), ...(preview.checkGate.verdict === 'blocked' ? ['check'] : [])] : [];
  const blocked = blockingGates.length > 0;
  const ready = preview !== null && state.current && canMerge(preview) && (!blocked || overrideReason.trim() !== '');
  return (
    <>
      {notice && (
        <p role="status" className="merge-notice">
          {notice}
        </p>
      )}
      <div className="merge-chooser">
        <MergeChoicesForm taskId={task.id} choices={choices} onChange={change} preview={preview} allFiles={state.allFiles} reloadToken={refreshToken} />
        <div className="merge-chooser__preview">
          {preview ? (
            <MergePreviewPanel preview={preview} loading={state.loading} stale={!state.current} />
          ) : (
            <p className="muted" aria-busy={state.loading}>
              {state.loading ? 'Working out what the merge would do…' : ''}
            </p>
          )}
          {preview && <ReviewGateNotice gate={preview.reviewGate} />}
          {preview && <CheckGateNotice gate={preview.checkGate} />}
          {blocked && <MergeAnywayReason gates={blockingGates} reason={overrideReason} onReason={setOverrideReason} />}
          <InlineError message={state.error && `The preview failed: ${state.error}`} />
          <button type="button" className="button button--small" onClick={() => setRefreshes((n) => n + 1)} disabled={state.loading}>
            Refresh preview
          </button>
        </div>
      </div>
      <InlineError message={error} />
      <div className="modal__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={merge} disabled={!ready || pending} aria-busy={pending}>
          {pending ? 'Merging…' : blocked ? 'Merge anyway' : preview && !preview.clean ? 'Merge and resolve conflicts' : 'Merge'}
        </button>
      </div>
    </>
  );
}
