import { useState } from 'react';
import type { HunkProvenanceView } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { InlineError } from '../../ui/InlineError';
import type { ReviewHunk } from './hunk-provenance';
import { useReviewAction } from './use-review-action';

interface HunkListProps {
  taskId: string;
  path: string;
  /** The file's old name when it is shown renamed: its hunks are named against that. */
  oldPath?: string | undefined;
  hunks: readonly ReviewHunk[];
  currentIndex: number;
  provenanceError: string | null;
  onSelect(index: number): void;
  /** The file changed (an action ran, or the host said the hunk moved): fetch it again. */
  onChanged(): void;
  onShowStep(callId: string): void;
}

/** The focused file's hunks: where each came from, and accept / revert for each. */
export function HunkList({ taskId, path, oldPath, hunks, currentIndex, provenanceError, onSelect, onChanged, onShowStep }: HunkListProps) {
  if (hunks.length === 0) return null;
  return (
    <section className="hunk-list" aria-label="Hunks">
      {provenanceError && <p className="muted">Where these changes came from is unknown: {provenanceError}</p>}
      <ol className="hunk-list__items">
        {hunks.map((hunk, index) => (
          <HunkRow
            key={hunk.key}
            taskId={taskId}
            path={path}
            oldPath={oldPath}
            hunk={hunk}
            current={index === currentIndex}
            onSelect={() => onSelect(index)}
            onChanged={onChanged}
            onShowStep={onShowStep}
          />
        ))}
      </ol>
    </section>
  );
}

interface HunkRowProps {
  taskId: string;
  path: string;
  oldPath: string | undefined;
  hunk: ReviewHunk;
  current: boolean;
  onSelect(): void;
  onChanged(): void;
  onShowStep(callId: string): void;
}

function HunkRow({ taskId, path, oldPath, hunk, current, onSelect, onChanged, onShowStep }: HunkRowProps) {
  const api = useBridge();
  const { pending, error, run } = useReviewAction(onChanged);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { range } = hunk;
  const added = hunk.hunk.lines.filter((line) => line.kind === '+').length;
  const removed = hunk.hunk.lines.filter((line) => line.kind === '-').length;
  const name = `Hunk ${rangeLabel(hunk)}`;
  // Exactly the hunk on screen: its range, the file's names, and its id (the host refuses it if the lines changed).
  const target = { taskId, path, ...(oldPath === undefined ? {} : { oldPath }), hunk: range, ...(hunk.id === undefined ? {} : { hunkId: hunk.id }) };

  const accept = async () => {
    const result = await run(() => api.invoke('review.acceptHunk', target));
    if (!result?.ok) return;
    const { commit, message } = result.data;
    setDone(commit ? `Committed ${commit.slice(0, 7)}: ${message ?? ''}` : 'Already committed');
    onChanged();
  };
  const revert = async () => {
    const result = await run(() => api.invoke('review.revertHunk', target));
    setConfirming(false);
    if (result?.ok) onChanged();
  };

  return (
    <li className={`hunk${current ? ' hunk--current' : ''}`} aria-current={current ? 'true' : undefined}>
      <article aria-label={name} className="hunk__body">
        <header className="hunk__header">
          <button type="button" className="hunk__range mono" onClick={onSelect} title="Show this hunk in the diff">
            {rangeLabel(hunk)}
          </button>
          <span className="hunk__counts">
            <span className="count-add">+{added}</span> <span className="count-del">−{removed}</span>
          </span>
          <Provenance provenance={hunk.provenance} onShowStep={onShowStep} />
          <span className="hunk__actions">
            <button type="button" className="button button--small" onClick={() => void accept()} disabled={pending} aria-busy={pending} title="Stage and commit this hunk in the workspace">
              Accept hunk
            </button>
            <button type="button" className="button button--small button--danger-quiet" onClick={() => setConfirming(true)} disabled={pending} title="Discard this hunk from the working tree">
              Revert hunk
            </button>
          </span>
        </header>
        {done && (
          <p role="status" className="hunk__done">
            {done}
          </p>
        )}
        <InlineError message={confirming ? null : error} />
      </article>
      {confirming && (
        <ConfirmDialog title="Revert this hunk?" confirmLabel="Revert" onConfirm={() => void revert()} onCancel={() => setConfirming(false)} pending={pending} error={error}>
          <p>
            The lines {rangeLabel(hunk)} of <span className="mono">{path}</span> go back to the base version in the workspace. The agent’s edit is discarded.
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}

function Provenance({ provenance, onShowStep }: { provenance: HunkProvenanceView | null; onShowStep(callId: string): void }) {
  if (provenance === null) return <span className="hunk__provenance muted">origin unknown</span>;
  if (provenance.byHand) return <span className="hunk__provenance hunk__provenance--hand">changed by hand</span>;
  const quote = provenance.precedingText.trim();
  return (
    <span className="hunk__provenance">
      <button
        type="button"
        className="link-button"
        onClick={() => onShowStep(provenance.callId)}
        title={quote ? `The agent: “${quote}”` : `${provenance.toolName} in step ${provenance.step}`}
      >
        by agent, step {provenance.step}
      </button>
      {quote && <q className="hunk__quote">{quote.length > 140 ? `${quote.slice(0, 140)}…` : quote}</q>}
    </span>
  );
}

/** "-3,4 +3,6", as git names the hunk. */
export function rangeLabel({ range }: { range: ReviewHunk['range'] }): string {
  return `-${range.oldStart},${range.oldLines} +${range.newStart},${range.newLines}`;
}
