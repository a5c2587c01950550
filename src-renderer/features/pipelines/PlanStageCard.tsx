import type { PlanStage } from '../../../src-shared/contract';
import { planStatusLabels } from '../plans/plan-text';
import { creatorWords, stageTime } from './pipeline-text';
import { openPlanVersion, openTask } from './pipeline-navigation';
import { StageState } from './StageState';

/** "v1 changes requested · you, 13:21", "v2 awaiting approval · submitted 13:22", "v3 approved · you, 13:30 (your edit)". */
function versionLine(version: PlanStage['versions'][number]): string {
  const when = version.decision ? `you, ${stageTime(version.decision.at)}` : `submitted ${stageTime(version.createdAt)}`;
  return `${planStatusLabels[version.status]} · ${when}${version.author === 'user' ? ' (your edit)' : ''}`;
}

/** The plan stage: its task, every version with its status and the decision on it (who and when), the gate. */
export function PlanStageCard({ projectId, stage }: { projectId: string; stage: PlanStage }) {
  return (
    <article className="stage-card" aria-label={stage.title}>
      <header className="stage-card__header">
        <StageState state={stage.state} />
        <button type="button" className="link-button stage-card__title" onClick={() => openTask(projectId, stage.taskId)} aria-label={`Open ${stage.title}`}>
          {stage.title}
        </button>
      </header>
      <p className="stage-card__gate">{stage.gate}</p>
      {stage.hold && (
        <p role="note" className="stage-card__hold">
          {stage.hold}
        </p>
      )}
      {stage.versions.length > 0 && (
        <ul className="stage-card__list" aria-label="Plan versions">
          {stage.versions.map((version) => (
            <li key={version.version}>
              <button type="button" className="link-button" onClick={() => openPlanVersion(projectId, stage.taskId, version.version)} aria-label={`Open plan v${version.version}`}>
                {`v${version.version}`}
              </button>{' '}
              {versionLine(version)}
            </li>
          ))}
        </ul>
      )}
      <p className="stage-card__meta muted">{`${creatorWords(stage.createdBy)} · ${stageTime(stage.createdAt)} · ${stage.status.replace(/_/g, ' ')}`}</p>
    </article>
  );
}
