import { useState } from 'react';
import type { PipelineView as View, Project } from '../../../src-shared/contract';
import { AuditLog } from '../audit/AuditLog';
import { SettingsTabs } from '../settings/SettingsTabs';
import { ImplementStageCard } from './ImplementStageCard';
import { MergeStageCard } from './MergeStageCard';
import { PlanStageCard } from './PlanStageCard';
import { gatesSummary, pipelineStageWords } from './pipeline-text';
import { usePipelinesStore, usePipelineView } from './pipelines-store';
import { ReviewStageCard } from './ReviewStageCard';
import './pipelines.css';

type Tab = 'stages' | 'audit';
const tabs = [
  { id: 'stages', label: 'Stages' },
  { id: 'audit', label: 'Audit' },
] as const;

/**
 * A pipeline (R4): its stages left to right — plan, implement ×n, review ×n, merged — each item
 * with its task, state, artifact versions, gate and who decided when, linking to its task, plan
 * version, findings or merge; and an Audit tab with the pipeline's entries.
 */
export function PipelineView({ pipelineId, project, onNewPipeline }: { pipelineId: string; project: Project; onNewPipeline(): void }) {
  const view = usePipelineView(pipelineId);
  const error = usePipelinesStore((s) => s.errors[pipelineId]);
  const [tab, setTab] = useState<Tab>('stages');
  const title = view?.pipeline.title ?? 'Pipeline';
  return (
    <main className="main main--pipeline" aria-label={title}>
      <header className="main__header">
        <div className="main__heading">
          <p className="main__eyebrow">{`${project.name} · pipeline`}</p>
          <h1 className="main__title">{title}</h1>
        </div>
        <div className="main__header-actions">
          <button type="button" className="button" onClick={onNewPipeline}>
            New pipeline
          </button>
        </div>
      </header>
      {!view ? (
        error ? (
          <p role="alert" className="inline-error">
            {error}
          </p>
        ) : (
          <p className="muted" aria-busy="true">
            Loading…
          </p>
        )
      ) : (
        <>
          {view.pipeline.goal !== view.pipeline.title && <p className="pipeline-goal">{view.pipeline.goal}</p>}
          <p role="status" className="pipeline-stage">{`Stage: ${pipelineStageWords[view.stage]}`}</p>
          <p className="muted">{gatesSummary(view.settings)}</p>
          <SettingsTabs<Tab> label="Pipeline" tabs={tabs} selected={tab} onSelect={setTab}>
            {tab === 'stages' ? <PipelineStages view={view} /> : <AuditLog projectId={project.id} scope={{ pipelineId }} />}
          </SettingsTabs>
        </>
      )}
    </main>
  );
}

function PipelineStages({ view }: { view: View }) {
  const projectId = view.pipeline.projectId;
  const ready = new Map(view.implement.map((stage) => [stage.taskId, stage.readyForReview]));
  return (
    <ol className="pipeline-stages" aria-label="Stages">
      <li className="pipeline-column">
        <section aria-label="Plan">
          <h2 className="pipeline-column__title">Plan</h2>
          {view.plan ? <PlanStageCard projectId={projectId} stage={view.plan} /> : <p className="muted">The plan task is gone.</p>}
        </section>
      </li>
      <li className="pipeline-column">
        <section aria-label="Implement">
          <h2 className="pipeline-column__title">{`Implement ×${view.implement.length}`}</h2>
          {view.implement.length === 0 && <p className="muted">Starts when the plan is approved.</p>}
          {view.implement.map((stage) => (
            <ImplementStageCard key={stage.taskId} projectId={projectId} planTaskId={view.plan?.taskId ?? null} stage={stage} />
          ))}
        </section>
      </li>
      <li className="pipeline-column">
        <section aria-label="Review">
          <h2 className="pipeline-column__title">{`Review ×${view.reviews.length}`}</h2>
          {view.reviews.length === 0 && <p className="muted">Each implement task is reviewed when it is done.</p>}
          {view.reviews.map((stage) => (
            <ReviewStageCard key={stage.reviewedTaskId} projectId={projectId} stage={stage} settings={view.settings} ready={ready.get(stage.reviewedTaskId) ?? false} />
          ))}
        </section>
      </li>
      <li className="pipeline-column">
        <section aria-label="Merged">
          <h2 className="pipeline-column__title">Merged</h2>
          {view.merges.length === 0 && <p className="muted">Each implement task merges on its own, behind the gates.</p>}
          {view.merges.map((stage) => (
            <MergeStageCard key={stage.taskId} projectId={projectId} stage={stage} />
          ))}
        </section>
      </li>
    </ol>
  );
}
