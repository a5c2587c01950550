import { useEffect, useId, useRef } from 'react';
import type { MergePreviewView, MergeStrategyName } from '../../../src-shared/contract';
import { messageApplies, strategyLabels, toggleAllFiles, toggleFile, type MergeChoices } from './merge-choices';
import { lineCounts } from './merge-preview-text';
import type { PreviewFile } from './use-merge-preview';

const strategyHints: Record<MergeStrategyName, string> = {
  merge: 'Keeps the branch’s commits and adds one merge commit.',
  squash: 'One commit with all the changes; the message is yours.',
  rebase: 'Replays each commit on top, then fast-forwards: a straight history.',
};

interface MergeChoicesFormProps {
  choices: MergeChoices;
  onChange(choices: MergeChoices): void;
  preview: MergePreviewView | null;
  allFiles: PreviewFile[] | null;
}

/** Strategy, commit message, uncommitted changes and the files to merge. */
export function MergeChoicesForm({ choices, onChange, preview, allFiles }: MergeChoicesFormProps) {
  const messageId = useId();
  const radioGroup = useId();
  const uncommitted = preview?.uncommitted ?? [];
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
                onChange={() => onChange({ ...choices, strategy })}
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
            onChange={(event) => onChange({ ...choices, message: event.target.value })}
          />
          {choices.message !== null && (
            <button type="button" className="button button--small merge-choices__reset" onClick={() => onChange({ ...choices, message: null })}>
              Use the suggested message
            </button>
          )}
        </div>
      )}

      {(uncommitted.length > 0 || choices.includeUncommitted) && (
        <div className="merge-choices__group">
          <label className="checkbox">
            <input type="checkbox" checked={choices.includeUncommitted} onChange={(event) => onChange({ ...choices, includeUncommitted: event.target.checked })} />
            Include uncommitted changes ({uncommitted.length === 1 ? '1 file' : `${uncommitted.length} files`})
          </label>
          <p className="field__hint">
            {choices.includeUncommitted
              ? 'They are committed on the workspace branch as part of the merge, only if it lands.'
              : 'Left out, they stay in the workspace and are not merged.'}
          </p>
        </div>
      )}

      {allFiles && allFiles.length > 0 && <FileSelection choices={choices} onChange={onChange} files={allFiles} />}
    </div>
  );
}

/** "All files" (mixed when some are unticked) and one checkbox per changed file. */
function FileSelection({ choices, onChange, files }: { choices: MergeChoices; onChange(choices: MergeChoices): void; files: PreviewFile[] }) {
  const allRef = useRef<HTMLInputElement>(null);
  const excluded = new Set(choices.excluded);
  const included = files.filter((file) => !excluded.has(file.path)).length;
  const paths = files.map((file) => file.path);
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = included > 0 && included < files.length;
  }, [included, files.length]);
  return (
    <fieldset className="merge-choices__group merge-files">
      <legend className="field__label">Files to merge</legend>
      <label className="checkbox">
        <input ref={allRef} type="checkbox" checked={included === files.length} onChange={(event) => onChange(toggleAllFiles(choices, paths, event.target.checked))} />
        All files ({included} of {files.length} selected)
      </label>
      <ul className="merge-files__list">
        {files.map((file) => (
          <li key={file.path}>
            <label className="checkbox merge-files__item">
              <input type="checkbox" checked={!excluded.has(file.path)} onChange={(event) => onChange(toggleFile(choices, file.path, event.target.checked))} />
              <span className="mono merge-files__path">{file.path}</span>
              <span className="mono muted merge-files__counts" aria-hidden="true">
                {lineCounts(file)}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {included < files.length && <p className="field__hint">Only the selected files land, as one new commit.</p>}
    </fieldset>
  );
}
