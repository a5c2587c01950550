import { useId, useMemo } from 'react';
import type { MergePreviewView, MergeStrategyName } from '../../../src-shared/contract';
import { messageApplies, strategyLabels, type MergeChoices } from './merge-choices';
import { MergeFileSelection } from './MergeFileSelection';
import type { PreviewFile } from './use-merge-preview';

const strategyHints: Record<MergeStrategyName, string> = {
  merge: 'Keeps the branch’s commits and adds one merge commit.',
  squash: 'One commit with all the changes; the message is yours.',
  rebase: 'Replays each commit on top, then fast-forwards: a straight history.',
};

interface MergeChoicesFormProps {
  taskId: string;
  choices: MergeChoices;
  /** Takes an update of the latest choices, so two quick events never work from the same stale copy. */
  onChange(update: (choices: MergeChoices) => MergeChoices): void;
  preview: MergePreviewView | null;
  allFiles: PreviewFile[] | null;
  /** Changes when the preview is refreshed: open hunk lists are read again too. */
  reloadToken: string;
}

/** Strategy, commit message, uncommitted changes and the files (or hunks) to merge. */
export function MergeChoicesForm({ taskId, choices, onChange, preview, allFiles, reloadToken }: MergeChoicesFormProps) {
  const messageId = useId();
  const radioGroup = useId();
  const uncommitted = useMemo(() => preview?.uncommitted ?? [], [preview]);
  const uncommittedPaths = useMemo(() => new Set(uncommitted.map((file) => file.path)), [uncommitted]);
  return (
    <div className="merge-choices">
      <fieldset className="merge-choices__group">
        <legend className="field__label">Strategy</legend>
        {(Object.keys(strategyLabels) as MergeStrategyName[]).map((strategy) => (
          <div key={strategy} className="merge-choices__radio">
            <label className="checkbox">
              <input
                type="radio"
                name={`merge-strategy-${radioGroup}`}
                value={strategy}
                checked={choices.strategy === strategy}
                aria-describedby={`${radioGroup}-${strategy}`}
                onChange={() => onChange((current) => ({ ...current, strategy }))}
              />
              {strategyLabels[strategy]}
            </label>
            <span id={`${radioGroup}-${strategy}`} className="field__hint">
              {strategyHints[strategy]}
            </span>
          </div>
        ))}
      </fieldset>

      {messageApplies(choices) && (
        <div className="field">
          <label htmlFor={messageId} className="field__label">
            Commit message
          </label>
          <textarea
            id={messageId}
            className="input textarea merge-choices__message mono"
            rows={3}
            value={choices.message ?? preview?.message ?? ''}
            onChange={(event) => {
              const message = event.target.value;
              onChange((current) => ({ ...current, message }));
            }}
          />
          {choices.message !== null && (
            <button type="button" className="button button--small merge-choices__reset" onClick={() => onChange((current) => ({ ...current, message: null }))}>
              Use the suggested message
            </button>
          )}
        </div>
      )}

      {(uncommitted.length > 0 || choices.includeUncommitted) && (
        <div className="merge-choices__group">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={choices.includeUncommitted}
              onChange={(event) => {
                const includeUncommitted = event.target.checked;
                onChange((current) => ({ ...current, includeUncommitted }));
              }}
            />
            Include uncommitted changes ({uncommitted.length === 1 ? '1 file' : `${uncommitted.length} files`})
          </label>
          <p className="field__hint">
            {choices.includeUncommitted
              ? 'They are committed on the workspace branch first, as part of the merge, only if it lands.'
              : 'Left out, they stay in the workspace and are not merged.'}
          </p>
        </div>
      )}

      {allFiles && allFiles.length > 0 && (
        <MergeFileSelection taskId={taskId} choices={choices} onChange={onChange} files={allFiles} uncommitted={uncommittedPaths} reloadToken={reloadToken} />
      )}
    </div>
  );
}
