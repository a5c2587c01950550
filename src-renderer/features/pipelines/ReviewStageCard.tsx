import type { PipelineSettings, ReviewStage } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { findingStatusWords, gateLine } from '../review-role/review-text';
import { CheckResult } from './CheckResult';
import { creatorWords, stageTime } from './pipeline-text';
import { openFindings, openTask } from './pipeline-navigation';
import { StageState } from './StageState';

interface ReviewStageCardProps {
  projectId: string;
  stage: ReviewStage;
  settings: PipelineSettings;
  /** The implement task's run ended done: its review may start. */
  ready: boolean;
}

/**
 * The review of one implement task: the check before it (with "Run check"), its review task and
 * report versions, its findings (shown in DiffLens), the review gate, and what it waits for.
 */
export function ReviewStageCard({ projectId, stage, settings, ready }: ReviewStageCardProps) {
  const api = useBridge();
  const checking = useHostAction();
  const starting = useHostAction();
  const open = stage.findings.filter((finding) => finding.status !== 'dismissed' && finding.status !== 'fixed').length;
  const busy = stage.state === 'working';
  const canStart = stage.review === null && ready && !busy;
  const canCheck = settings.checkCommand !== null && ready && !busy;
  return (
    <article className="stage-card" aria-label={`Review of ${stage.reviewedTitle}`}>
      <header className="stage-card__header">
        <StageState state={stage.state} />
        {stage.review ? (
          <button type="button" className="link-button stage-card__title" onClick={() => openTask(projectId, stage.review!.taskId)} aria-label={`Open ${stage.review.title}`}>
            {stage.review.title}
          </button>
        ) : (
          <span className="stage-card__title">{`Review of ${stage.reviewedTitle}`}</span>
        )}
      </header>
      {stage.note && <p className="stage-card__note">{stage.note}</p>}
      {stage.check && <CheckResult check={stage.check} />}
      {stage.versions.length > 0 && (
        <ul className="stage-card__list" aria-label="Review versions">
          {stage.versions.map((version) => (
            <li key={`${version.version}-${version.createdAt}`}>
              {`v${version.version} ${version.verdict} (confidence ${version.confidence}) · ${version.findings} finding${version.findings === 1 ? '' : 's'}${version.fixed > 0 ? ` · ${version.fixed} fixed` : ''} · ${stageTime(version.createdAt)}`}
            </li>
          ))}
        </ul>
      )}
      {stage.findings.length > 0 && (
        <>
          <ul className="stage-card__list" aria-label={`Findings on ${stage.reviewedTitle}`}>
            {stage.findings.map((finding) => (
              <li key={finding.id}>
                <span className={`finding-priority finding-priority--${finding.priority.toLowerCase()}`}>{finding.priority}</span> {finding.title}{' '}
                <span className="muted">{`— ${findingStatusWords[finding.status]}`}</span>
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => openFindings(stage.reviewedTaskId, stage.findings[0]?.path)}>
            {`Show findings in DiffLens (${open} open)`}
          </button>
        </>
      )}
      <p className="stage-card__gate">{gateLine(stage.gate)}</p>
      <div className="stage-card__actions">
        {canStart && (
          <button type="button" className="button button--small button--primary" disabled={starting.pending} aria-busy={starting.pending} onClick={() => void starting.run(() => api.invoke('reviews.start', { taskId: stage.reviewedTaskId }))}>
            Start review
          </button>
        )}
        {canCheck && (
          <button type="button" className="button button--small" disabled={checking.pending} aria-busy={checking.pending} onClick={() => void checking.run(() => api.invoke('pipelines.runCheck', { taskId: stage.reviewedTaskId }))}>
            Run check
          </button>
        )}
      </div>
      <InlineError message={starting.error ?? checking.error} />
      {stage.review && <p className="stage-card__meta muted">{`${creatorWords(stage.review.createdBy)} · ${stageTime(stage.review.createdAt)}`}</p>}
    </article>
  );
}
