import { useId } from 'react';
import type { MergePreviewView } from '../../../src-shared/contract';
import { checkoutSentence, commitListTitle, conflictSentence, lineCounts, shortSha, strategySentence, uncommittedSentence } from './merge-preview-text';

/** Shown of long lists before "and N more". */
const listedCommits = 50;
const listedFiles = 200;

/**
 * Region `Merge preview`: exactly what "Merge" would do now: the target and its commit, the
 * commits that land, the files with +/−, conflicts, the user's checkout, and why it is blocked.
 */
export function MergePreviewPanel({ preview, loading, stale }: { preview: MergePreviewView; loading: boolean; stale: boolean }) {
  const headingId = useId();
  const blocking = preview.checkout?.blockingFiles ?? [];
  // With nothing to merge, the rest would describe a merge that cannot happen.
  const nothingToMerge = preview.blocked?.code === 'NOTHING_TO_MERGE';
  // Chosen hunks refused: "merges cleanly" would describe the whole files, not what was chosen.
  const hunksRefused = preview.blocked?.code === 'MERGE_CONFLICTS_UNRESOLVED' || preview.blocked?.code === 'HUNK_CHANGED';
  const uncommitted = uncommittedSentence(preview);
  return (
    <section className={`merge-preview${stale ? ' merge-preview--stale' : ''}`} aria-labelledby={headingId} aria-busy={loading}>
      <h3 id={headingId} className="section-title">
        Merge preview{loading ? ' (updating…)' : ''}
      </h3>
      {preview.blocked && (
        <p className="merge-preview__blocked" role="note">
          <strong>Cannot merge now:</strong> {preview.blocked.message}
          {nothingToMerge && preview.uncommitted.length > 0 && !preview.includesUncommitted
            ? ` The workspace's ${preview.uncommitted.length === 1 ? 'uncommitted change is' : `${preview.uncommitted.length} uncommitted changes are`} left out: include them to merge them.`
            : ''}
        </p>
      )}
      <p>
        Into <strong className="mono">{preview.targetBranch}</strong> at <span className="mono">{shortSha(preview.targetCommit)}</span> from{' '}
        <strong className="mono">{preview.workspaceBranch}</strong> at <span className="mono">{shortSha(preview.workspaceHead)}</span>
        {preview.includesUncommitted ? ' plus its uncommitted changes' : ''}.
      </p>
      {uncommitted && <p className="merge-preview__uncommitted">{uncommitted}</p>}
      {!nothingToMerge && (
        <>
          <p>{strategySentence(preview)}</p>
          {!hunksRefused && <p className={preview.clean ? 'merge-preview__clean' : 'merge-preview__conflicts'}>{conflictSentence(preview)}</p>}
          <p>{checkoutSentence(preview)}</p>
          {blocking.length > 0 && (
            <ul className="merge-preview__list mono" aria-label="Files blocking the merge in your checkout">
              {blocking.map((file) => (
                <li key={file.path}>
                  <span className="merge-preview__status">{file.status}</span> {file.path}
                </li>
              ))}
            </ul>
          )}
          {preview.commits.length > 0 && (
            <details className="merge-preview__details" open={preview.commits.length <= 10}>
              <summary>{commitListTitle(preview)}</summary>
              <ol className="merge-preview__list" aria-label="Commits that land">
                {preview.commits.slice(0, listedCommits).map((commit) => (
                  <li key={commit.sha}>
                    <span className="mono muted">{shortSha(commit.sha)}</span> {commit.subject}
                  </li>
                ))}
                {preview.commits.length > listedCommits && <li className="muted">and {preview.commits.length - listedCommits} more</li>}
              </ol>
            </details>
          )}
          {preview.files.length > 0 && (
            <details className="merge-preview__details" open={preview.files.length <= 20}>
              <summary>{preview.files.length === 1 ? '1 file changes' : `${preview.files.length} files change`}</summary>
              <ul className="merge-preview__list" aria-label="Files that change">
                {preview.files.slice(0, listedFiles).map((file) => (
                  <li key={file.path} className="merge-preview__file">
                    <span className="mono">{file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}</span>
                    <span className="merge-preview__counts mono">{lineCounts(file)}</span>
                  </li>
                ))}
                {preview.files.length > listedFiles && <li className="muted">and {preview.files.length - listedFiles} more</li>}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
