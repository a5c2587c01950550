import { useId } from 'react';
import { InlineError } from '../../ui/InlineError';
import { chosenHunks, hunkLabel, sameHunk, toggleHunk, type MergeChoices } from './merge-choices';
import { hunkCounts, hunkPreview, noHunksReason, type FileHunk } from './hunk-summary';
import { useFileHunks } from './use-file-hunks';
import './merge-hunks.css';

interface HunkChooserProps {
  /** The element id the file's "Choose hunks" button controls. */
  id: string;
  taskId: string;
  path: string;
  choices: MergeChoices;
  onChange(update: (choices: MergeChoices) => MergeChoices): void;
  reloadToken: string;
}

/**
 * Group `Hunks of <path>`: the file's hunks as `review.fileDiff` shows them (what the host
 * matches chosen hunks against), one checkbox each, all ticked while the whole file is merged.
 */
export function HunkChooser({ id, taskId, path, choices, onChange, reloadToken }: HunkChooserProps) {
  const { diff, loading, error } = useFileHunks(taskId, path, reloadToken);
  const reason = diff ? noHunksReason(diff) : null;
  const hunks = diff && !reason ? diff.hunks : [];
  const chosen = chosenHunks(choices, path, hunks);
  const picks = choices.hunks[path] ?? [];
  // The file changed under the choice (the agent kept editing): say so rather than guess.
  const moved = hunks.length > 0 && picks.some((pick) => !hunks.some((hunk) => sameHunk(hunk, pick)));
  return (
    <div id={id} role="group" aria-label={`Hunks of ${path}`} aria-busy={loading} className="merge-hunks">
      <InlineError message={error && `Could not load the hunks of ${path}: ${error}`} />
      {!diff && loading && <p className="field__hint">Loading the hunks…</p>}
      {reason && <p className="field__hint">{reason}</p>}
      {moved && (
        <p role="note" className="merge-hunks__moved">
          The changes of this file moved since you chose its hunks. Tick the ones to merge again.
        </p>
      )}
      {hunks.length > 0 && (
        <>
          <p className="field__hint">
            {chosen.length === hunks.length ? `All ${hunks.length} hunks: the whole file.` : `${chosen.length} of ${hunks.length} hunks chosen.`}
          </p>
          <ul className="merge-hunks__list">
            {hunks.map((hunk) => (
              <HunkItem
                key={hunkLabel(hunk)}
                hunk={hunk}
                chosen={chosen.includes(hunk)}
                onToggle={(included) => onChange((current) => toggleHunk(current, path, hunks, hunk, included))}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** A checkbox named by the hunk's header, described by its +/− counts and first changed lines. */
function HunkItem({ hunk, chosen, onToggle }: { hunk: FileHunk; chosen: boolean; onToggle(included: boolean): void }) {
  const descriptionId = useId();
  const preview = hunkPreview(hunk);
  return (
    <li className={`merge-hunks__item${chosen ? '' : ' merge-hunks__item--left-out'}`}>
      <label className="checkbox">
        <input type="checkbox" checked={chosen} aria-describedby={descriptionId} onChange={(event) => onToggle(event.target.checked)} />
        <span className="mono merge-hunks__header">{hunkLabel(hunk)}</span>
      </label>
      <div id={descriptionId} className="merge-hunks__summary">
        <span className="mono muted merge-hunks__counts">{hunkCounts(hunk)}</span>
        <div className="mono merge-hunks__lines">
          {preview.lines.map((line, index) => (
            <div key={index} className={`merge-hunks__line merge-hunks__line--${line.kind === '+' ? 'added' : 'removed'}`}>
              {line.kind} {line.text}
            </div>
          ))}
          {preview.more > 0 && <div className="merge-hunks__line muted">… {preview.more === 1 ? '1 more line' : `${preview.more} more lines`}</div>}
        </div>
      </div>
    </li>
  );
}
