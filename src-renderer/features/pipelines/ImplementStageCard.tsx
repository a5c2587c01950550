import type { ImplementStage } from '../../../src-shared/contract';
import { creatorWords, stageTime } from './pipeline-text';
import { openPlanVersion, openTask } from './pipeline-navigation';
import { StageState } from './StageState';

/** One implement task: its pinned plan version and steps, its progress, who started it and when. */
export function ImplementStageCard({ projectId, planTaskId, stage }: { projectId: string; planTaskId: string | null; stage: ImplementStage }) {
  const { done, skipped, total } = stage.steps;
  return (
    <article className="stage-card" aria-label={stage.title}>
      <header className="stage-card__header">
        <StageState state={stage.state} />
        <button type="button" className="link-button stage-card__title" onClick={() => openTask(projectId, stage.taskId)} aria-label={`Open ${stage.title}`}>
          {stage.title}
        </button>
      </header>
      <p>
        {planTaskId ? (
          <button type="button" className="link-button" onClick={() => openPlanVersion(projectId, planTaskId, stage.planVersion)} aria-label={`Open plan v${stage.planVersion}`}>
            {`plan v${stage.planVersion}`}
          </button>
        ) : (
          `plan v${stage.planVersion}`
        )}
        {` · ${stage.stepIds.join(', ')} · ${done} of ${total} done${skipped > 0 ? `, ${skipped} skipped` : ''}`}
      </p>
      <p className="stage-card__meta muted">{`${stage.readyForReview ? 'ready for review' : stage.status.replace(/_/g, ' ')} · ${creatorWords(stage.createdBy)} · ${stageTime(stage.createdAt)}`}</p>
    </article>
  );
}
