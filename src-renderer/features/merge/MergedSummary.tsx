import { useId, useState } from 'react';
import type { MergedState, MergePreviewView, Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useHostAction } from '../../ui/use-host-action';
import { sharingTasksFrom, type SharingTask } from '../workspace/shared-workspace';
import { SharingTasksList } from '../workspace/SharingTasksList';
import { checkoutAfterMerge, lineCounts, mergedSentence, shortSha } from './merge-preview-text';

interface MergedSummaryProps {
  task: Task;
  merged: MergedState;
  /** The preview the merge ran from (what landed); null when reopened later. */
  preview: MergePreviewView | null;
  onMergeAgain(): void;
  onClose(): void;
}

/** After a merge: what landed where, and Archive (remove the worktree, keep or delete the branch). */
export function MergedSummary({ task, merged, preview, onMergeAgain, onClose }: MergedSummaryProps) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const [keepBranch, setKeepBranch] = useState(false);
  const [archived, setArchived] = useState<string | null>(null);
  const [sharing, setSharing] = useState<SharingTask[] | null>(null);
  const keepId = useId();

  const archive = async (withSharedTasks: boolean) => {
    const result = await run(() => api.invoke('merge.archive', { taskId: task.id, keepBranch, withSharedTasks }), {
      explain: (failure) => (!withSharedTasks && sharingTasksFrom(failure) ? null : failure.message),
    });
    if (!result) return;
    // Its reviews share the workspace: they go with it once the user says so.
    const shared = result.ok || withSharedTasks ? null : sharingTasksFrom(result.error);
    if (shared) setSharing(shared);
    if (!result.ok) return;
    setSharing(null);
    setArchived(
      result.data.branchDeleted
        ? `Archived: the worktree was removed and ${task.workspace.branch} deleted.`
        : `Archived: the worktree was removed; ${task.workspace.branch} is kept.`,
    );
  };

  // What the target's history gained, as the host read it: every id here is in it.
  const landed = merged.landedOnTarget;
  const files = preview?.files ?? merged.files.map((path) => ({ path, oldPath: undefined, status: '', additions: null, deletions: null }));
  return (
    <>
      <section className="merged" aria-label="Merge result">
        <p role="status" className="merged__headline">
          {mergedSentence(merged)}
        </p>
        <p>{checkoutAfterMerge(merged)}</p>
        {landed && landed.commits.length > 0 && (
          <ol className="merge-preview__list" aria-label="Commits that landed">
            {landed.total > landed.commits.length && <li className="muted">and {landed.total - landed.commits.length} earlier</li>}
            {landed.commits.map((commit) => (
              <li key={commit.sha}>
                <span className="mono muted">{shortSha(commit.sha)}</span> {commit.subject}
              </li>
            ))}
          </ol>
        )}
        {files.length > 0 && (
          <ul className="merge-preview__list" aria-label="Files that landed">
            {files.map((file) => (
              <li key={file.path} className="merge-preview__file">
                <span className="mono">{file.path}</span>
                {file.additions !== null && <span className="merge-preview__counts mono">{lineCounts(file)}</span>}
              </li>
            ))}
          </ul>
        )}
        <p className="muted">The workspace is marked merged. Archive it when you no longer need it.</p>
      </section>
      <section className="merged__archive" aria-label="Archive">
        <label htmlFor={keepId} className="checkbox">
          <input id={keepId} type="checkbox" checked={keepBranch} onChange={(event) => setKeepBranch(event.target.checked)} disabled={archived !== null} />
          Keep the branch {task.workspace.branch}
        </label>
        {archived ? (
          <p role="status">{archived}</p>
        ) : (
          <button type="button" className="button button--primary" onClick={() => void archive(false)} disabled={pending} aria-busy={pending}>
            Archive workspace
          </button>
        )}
        {!sharing && <InlineError message={error} />}
        {sharing && (
          <ConfirmDialog
            title="Archive the workspace and the tasks sharing it?"
            confirmLabel={`Archive and remove ${sharing.length} task${sharing.length === 1 ? '' : 's'}`}
            onConfirm={() => void archive(true)}
            onCancel={() => setSharing(null)}
            pending={pending}
            error={error}
          >
            <p>{`“${task.title}” shares its workspace with ${sharing.length === 1 ? 'another task' : `${sharing.length} other tasks`}. Archiving removes ${sharing.length === 1 ? 'it' : 'them'} too:`}</p>
            <SharingTasksList tasks={sharing} />
          </ConfirmDialog>
        )}
      </section>
      <div className="modal__actions">
        {!archived && (
          <button type="button" className="button" onClick={onMergeAgain}>
            Preview another merge
          </button>
        )}
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </>
  );
}
