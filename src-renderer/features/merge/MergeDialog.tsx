import { useEffect, useState } from 'react';
import type { ConflictFileView, MergedState, MergeOutcomeView, MergePreviewView, Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { Modal } from '../../ui/Modal';
import { useSelectionStore } from '../selection/selection-store';
import { useWorkspaceOwnerId } from '../tasks/tasks-store';
import { ConflictResolver, type ConflictStep } from './ConflictResolver';
import { MergeChooser } from './MergeChooser';
import { MergedSummary } from './MergedSummary';
import { defaultChoices, type MergeChoices } from './merge-choices';
import { useMergeStore } from './merge-store';

type Phase =
  | { kind: 'choose'; notice: string | null }
  | { kind: 'loadingConflicts'; mergeId: string; error: string | null }
  | { kind: 'conflicts'; mergeId: string; conflicts: ConflictFileView[]; step: ConflictStep; preview: MergePreviewView | null }
  | { kind: 'merged'; merged: MergedState; preview: MergePreviewView | null };

function firstPhase(task: Task, pendingMergeId: string | null): Phase {
  if (pendingMergeId) return { kind: 'loadingConflicts', mergeId: pendingMergeId, error: null };
  if (task.workspace.merged) return { kind: 'merged', merged: task.workspace.merged, preview: null };
  return { kind: 'choose', notice: null };
}

/**
 * Dialog `Merge <title>`: choose and preview → merge → (three-way conflict resolution) →
 * merged, with archive. A merge stopped at conflicts stays pending when the dialog closes and
 * is reopened through `merge.conflicts`.
 */
export function MergeDialog({ task, onClose }: { task: Task; onClose(): void }) {
  const api = useBridge();
  const [phase, setPhase] = useState<Phase>(() => firstPhase(task, useMergeStore.getState().pendingByTask[task.id] ?? null));
  const [choices, setChoices] = useState<MergeChoices>(defaultChoices);
  const { setPending, setAgentResolving } = useMergeStore.getState();
  // Asked from a review's task, the owner's agent resolves the conflicts: its task view says so.
  const ownerId = useWorkspaceOwnerId(task.id);

  // Reopened with a pending merge: fetch its conflicts again.
  const loadingMergeId = phase.kind === 'loadingConflicts' ? phase.mergeId : null;
  useEffect(() => {
    if (!loadingMergeId) return;
    let live = true;
    void api.invoke('merge.conflicts', { mergeId: loadingMergeId }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setPhase({ kind: 'conflicts', mergeId: loadingMergeId, conflicts: result.data.conflicts, step: null, preview: null });
      } else if (result.error.code === 'NOT_FOUND') {
        useMergeStore.getState().setPending(task.id, null);
        setPhase({ kind: 'choose', notice: 'The merge that stopped at conflicts is no longer pending (Braid restarted). Nothing was changed; preview it again.' });
      } else {
        setPhase({ kind: 'loadingConflicts', mergeId: loadingMergeId, error: result.error.message });
      }
    });
    return () => {
      live = false;
    };
  }, [api, loadingMergeId, task.id]);

  const onOutcome = (outcome: MergeOutcomeView, preview: MergePreviewView | null) => {
    if (outcome.status === 'merged') {
      setPending(task.id, null);
      setPhase({ kind: 'merged', merged: outcome.merged, preview });
    } else {
      setPending(task.id, outcome.mergeId);
      setPhase({ kind: 'conflicts', mergeId: outcome.mergeId, conflicts: outcome.conflicts, step: outcome.step, preview });
    }
  };

  const targetBranch = phase.kind === 'conflicts' ? (phase.preview?.targetBranch ?? task.workspace.baseBranch) : task.workspace.baseBranch;
  return (
    <Modal title={`Merge ${task.title}`} onClose={onClose} className="modal--merge">
      <p className="merge-dialog__route mono">
        {task.workspace.branch} → {targetBranch}
      </p>
      {phase.kind === 'choose' && (
        <MergeChooser
          task={task}
          choices={choices}
          onChoicesChange={setChoices}
          notice={phase.notice}
          onOutcome={(outcome, preview) => onOutcome(outcome, preview)}
          onCancel={onClose}
        />
      )}
      {phase.kind === 'loadingConflicts' && (
        <div className="modal__body">
          {phase.error ? <InlineError message={`Could not load the conflicts: ${phase.error}`} /> : <p className="muted">Loading the conflicts…</p>}
          <div className="modal__actions">
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
          </div>
        </div>
      )}
      {phase.kind === 'conflicts' && (
        <ConflictResolver
          key={`${phase.mergeId}:${phase.step?.index ?? 0}`}
          task={task}
          mergeId={phase.mergeId}
          conflicts={phase.conflicts}
          step={phase.step}
          targetBranch={targetBranch}
          onOutcome={(outcome) => onOutcome(outcome, phase.preview)}
          onAborted={() => {
            setPending(task.id, null);
            setPhase({ kind: 'choose', notice: 'Merge aborted. Nothing was changed: the base branch, your checkout and the workspace are as they were.' });
          }}
          onAskedAgent={(files) => {
            setPending(task.id, null);
            setAgentResolving(ownerId, files);
            useSelectionStore.getState().selectTask(task.projectId, ownerId);
            onClose();
          }}
        />
      )}
      {phase.kind === 'merged' && (
        <MergedSummary task={task} merged={phase.merged} preview={phase.preview} onMergeAgain={() => setPhase({ kind: 'choose', notice: null })} onClose={onClose} />
      )}
    </Modal>
  );
}
