import { useEffect, useId, useRef, useState } from 'react';
import { fileChoice, toggleAllFiles, toggleFile, type MergeChoices } from './merge-choices';
import { lineCounts } from './merge-preview-text';
import { HunkChooser } from './HunkChooser';
import type { PreviewFile } from './use-merge-preview';

interface FileSelectionProps {
  taskId: string;
  choices: MergeChoices;
  onChange(update: (choices: MergeChoices) => MergeChoices): void;
  files: PreviewFile[];
  /** Paths with uncommitted changes in the workspace. */
  uncommitted: ReadonlySet<string>;
  /** Changes when the hunk lists should be read again (the preview was refreshed). */
  reloadToken: string;
}

/** A checkbox that shows a mixed state, which only the DOM property can say. */
function useIndeterminate(mixed: boolean) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = mixed;
  }, [mixed]);
  return ref;
}

/**
 * Group `Files to merge`: "All files" (mixed when some are unticked or partly chosen), one
 * checkbox per changed file (mixed when only some hunks are chosen), and for modified text
 * files a "Choose hunks" disclosure with the file's hunks.
 */
export function MergeFileSelection({ taskId, choices, onChange, files, uncommitted, reloadToken }: FileSelectionProps) {
  const states = files.map((file) => fileChoice(choices, file.path));
  const included = states.filter((state) => state !== 'none').length;
  const partial = states.filter((state) => state === 'some').length;
  const allRef = useIndeterminate((included > 0 && included < files.length) || partial > 0);
  const paths = files.map((file) => file.path);
  return (
    <fieldset className="merge-choices__group merge-files">
      <legend className="field__label">Files to merge</legend>
      <label className="checkbox">
        <input
          ref={allRef}
          type="checkbox"
          checked={included === files.length && partial === 0}
          onChange={(event) => {
            const checked = event.target.checked;
            onChange((current) => toggleAllFiles(current, paths, checked));
          }}
        />
        All files ({included} of {files.length} selected)
      </label>
      <ul className="merge-files__list">
        {files.map((file, index) => (
          <FileRow
            key={file.path}
            taskId={taskId}
            file={file}
            choice={states[index] ?? 'whole'}
            choices={choices}
            onChange={onChange}
            hasUncommitted={uncommitted.has(file.path)}
            reloadToken={reloadToken}
          />
        ))}
      </ul>
      {(included < files.length || partial > 0) && (
        <p className="field__hint">
          Only the selected files land, as one new commit.
          {partial > 0 ? ' A file with chosen hunks gets just those; the rest of it stays as the base has it.' : ''}
        </p>
      )}
    </fieldset>
  );
}

interface FileRowProps {
  taskId: string;
  file: PreviewFile;
  choice: 'whole' | 'some' | 'none';
  choices: MergeChoices;
  onChange(update: (choices: MergeChoices) => MergeChoices): void;
  hasUncommitted: boolean;
  reloadToken: string;
}

function FileRow({ taskId, file, choice, choices, onChange, hasUncommitted, reloadToken }: FileRowProps) {
  const hunksId = useId();
  const hintId = useId();
  const [open, setOpen] = useState(false);
  const checkboxRef = useIndeterminate(choice === 'some');
  // Hunks are chosen in files modified in place with text changes (the host refuses others).
  const hunkable = file.status === 'M' && file.additions !== null;
  // The hunks shown come from the workspace folder; left out, its uncommitted edits would make them differ from what merges.
  const needsUncommitted = hasUncommitted && !choices.includeUncommitted;
  const expanded = open && !needsUncommitted;
  const picked = choices.hunks[file.path]?.length ?? 0;
  return (
    <li className="merge-files__entry">
      <div className="merge-files__row">
        <label className="checkbox merge-files__item">
          <input
            ref={checkboxRef}
            type="checkbox"
            checked={choice === 'whole'}
            onChange={(event) => {
              const checked = event.target.checked;
              onChange((current) => toggleFile(current, file.path, checked));
            }}
          />
          <span className="mono merge-files__path">{file.path}</span>
          {choice === 'some' && <span className="badge merge-files__picked">{picked === 1 ? '1 hunk' : `${picked} hunks`}</span>}
          <span className="mono muted merge-files__counts" aria-hidden="true">
            {lineCounts(file)}
          </span>
        </label>
        {hunkable && (
          <button
            type="button"
            className="button button--small merge-files__hunks-toggle"
            aria-label={`Choose hunks of ${file.path}`}
            aria-expanded={expanded}
            aria-controls={expanded ? hunksId : undefined}
            aria-describedby={needsUncommitted ? hintId : undefined}
            disabled={needsUncommitted}
            onClick={() => setOpen((value) => !value)}
          >
            <span aria-hidden="true" className="merge-files__chevron">
              {expanded ? '▾' : '▸'}
            </span>
            Choose hunks
          </button>
        )}
      </div>
      {hunkable && needsUncommitted && (
        <p id={hintId} className="field__hint merge-files__hint">
          {choice === 'some'
            ? 'Its hunks were chosen with its uncommitted changes: include them again, or tick the file to merge it whole.'
            : 'It has uncommitted changes: include them to choose its hunks.'}
        </p>
      )}
      {expanded && <HunkChooser id={hunksId} taskId={taskId} path={file.path} choices={choices} onChange={onChange} reloadToken={reloadToken} />}
    </li>
  );
}
