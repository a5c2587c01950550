import type { MergeStage } from '../../../src-shared/contract';
import { MergeButton } from '../merge/MergeButton';
import { gateLine } from '../review-role/review-text';
import { useTask } from '../tasks/tasks-store';
import { shortSha, stageTime } from './pipeline-text';
import { openTask } from './pipeline-navigation';
import { StageState } from './StageState';

/** The merge of one implement task: the gates as they stand and the merge button, or where it landed, when, and past which gate. */
export function MergeStageCard({ projectId, stage }: { projectId: string; stage: MergeStage }) {
  const task = useTask(stage.taskId);
  const { merged } = stage;
  return (
    <article className="stage-card" aria-label={`Merge of ${stage.title}`}>
      <header className="stage-card__header">
        <StageState state={stage.state} />
        <button type="button" className="link-button stage-card__title" onClick={() => openTask(projectId, stage.taskId)} aria-label={`Open ${stage.title}`}>
          {stage.title}
        </button>
      </header>
      {merged ? (
        <>
          <p>{`Merged into ${merged.targetBranch} · ${shortSha(merged.newCommit)} · ${merged.strategy} · ${merged.files} file${merged.files === 1 ? '' : 's'}`}</p>
          <p className="stage-card__meta muted">{`merged by you · ${stageTime(merged.mergedAt)}`}</p>
          {merged.override && (
            <p role="note" className="stage-card__hold">{`Merged anyway past the ${merged.override.gates.join(' and ')} gate${merged.override.gates.length === 1 ? '' : 's'}: ${merged.override.reason}`}</p>
          )}
        </>
      ) : (
        <>
          <p className="stage-card__gate">{gateLine(stage.reviewGate)}</p>
          {stage.checkGate.message && <p className="stage-card__gate">{stage.checkGate.message}</p>}
        </>
      )}
      {/* Mounted once merged too: it holds the dialog with the merge's result, and then offers Archive. */}
      {task && <MergeButton task={task} />}
    </article>
  );
}
