import { useId, useMemo, useState } from 'react';
import type { PlanVersion, Task } from '../../../src-shared/contract';
import { InlineError } from '../../ui/InlineError';
import { ImplementButton } from '../implement/ImplementButton';
import { usePipelinesStore } from '../pipelines/pipelines-store';
import { PlanProgress } from '../implement/PlanProgress';
import { PlanApproveButton } from './PlanApproveButton';
import { PlanDiffView } from './PlanDiffView';
import { PlanDocument, type Commenting } from './PlanDocument';
import { PlanEditor } from './PlanEditor';
import { authorLabel, notDecidableReason, planStatusLabels } from './plan-text';
import { usePlanPanel, usePlansStore, useTaskPlans } from './plans-store';
import { RejectPlanForm } from './RejectPlanForm';
import { RequestChangesForm } from './RequestChangesForm';
import { SavePlanForm } from './SavePlanForm';
import './plans.css';

/**
 * A plan task's plan: the current version (or any other, picked), the text diff between any two
 * versions, and the decisions on the one that waits — Approve, Request changes (a message and
 * comments on single steps or criteria), Edit (the user's version, then approve) and Reject;
 * "Save to repository" and "Implement…" once approved, then the implement tasks' progress.
 */
export function PlanPanel({ task }: { task: Task }) {
  const { versions, loaded, error } = useTaskPlans(task.id);
  const panel = usePlanPanel(task.id);
  const setPanel = usePlansStore((s) => s.setPanel);
  const latest = versions.at(-1);
  const selected = versions.find((version) => version.version === panel.selected) ?? latest;
  const bodyId = useId();
  // A pipeline implements its approved plan itself; the user does it only when the pipeline could not.
  const pipelineHeld = usePipelinesStore((s) => (task.pipelineId ? Boolean(s.views[task.pipelineId]?.plan?.hold) : false));

  return (
    <section className="plan-panel" aria-label="Plan">
      <header className="plan-panel__header">
        <h2 className="plan-panel__title">Plan</h2>
        {latest ? (
          <span className="plan-panel__current">
            {`v${latest.version}`} <span className={`badge badge--plan-${latest.status}`}>{planStatusLabels[latest.status]}</span>
          </span>
        ) : (
          <span className="muted">{loaded ? 'No plan submitted yet.' : 'Loading…'}</span>
        )}
        {latest?.status === 'approved' && (!task.pipelineId || pipelineHeld) && <ImplementButton planTask={task} version={latest} />}
        {latest && (
          <button type="button" className="button button--small" aria-expanded={panel.open} aria-controls={bodyId} onClick={() => setPanel(task.id, { open: !panel.open })}>
            {panel.open ? 'Hide plan' : 'Show plan'}
          </button>
        )}
      </header>
      <InlineError message={error} />
      <PlanProgress planTask={task} />
      {panel.open && selected && (
        <div id={bodyId} className="plan-panel__body">
          <PlanPanelBody task={task} versions={versions} selected={selected} />
        </div>
      )}
    </section>
  );
}

function PlanPanelBody({ task, versions, selected }: { task: Task; versions: PlanVersion[]; selected: PlanVersion }) {
  const panel = usePlanPanel(task.id);
  const { setPanel, addComment, removeComment } = usePlansStore.getState();
  const [tab, setTab] = useState<'plan' | 'changes'>('plan');
  const pickerId = useId();
  const blocked = notDecidableReason(selected, versions);
  const mode = blocked === null ? panel.mode : 'view';
  const commenting = useMemo<Commenting>(
    () => ({ comments: panel.comments, add: (comment) => addComment(task.id, comment), remove: (index) => removeComment(task.id, index) }),
    [panel.comments, addComment, removeComment, task.id],
  );
  const showChanges = tab === 'changes' && versions.length > 1;

  return (
    <>
      <div className="plan-panel__toolbar">
        <label htmlFor={pickerId}>Version</label>
        <select id={pickerId} className="input" value={selected.version} onChange={(e) => setPanel(task.id, { selected: Number(e.target.value), mode: 'view' })}>
          {versions.map((version) => (
            <option key={version.version} value={version.version}>{`v${version.version} — ${planStatusLabels[version.status]}, ${authorLabel(version.author)}`}</option>
          ))}
        </select>
        {versions.length > 1 && (
          <div className="plan-panel__tabs" role="tablist" aria-label="Show">
            <button type="button" role="tab" aria-selected={!showChanges} className="button button--small" onClick={() => setTab('plan')}>
              Plan
            </button>
            <button type="button" role="tab" aria-selected={showChanges} className="button button--small" onClick={() => setTab('changes')}>
              Changes
            </button>
          </div>
        )}
      </div>

      {showChanges ? (
        <PlanDiffView key={selected.version} taskId={task.id} versions={versions} initialTo={selected.version} />
      ) : mode === 'edit' ? (
        <PlanEditor key={selected.version} taskId={task.id} base={selected} />
      ) : (
        <article className="plan-panel__plan" aria-label={`Plan v${selected.version}`}>
          <h3 className="plan-card__title selectable">{selected.plan.title}</h3>
          <p className="muted">{`v${selected.version}, ${authorLabel(selected.author)} — ${planStatusLabels[selected.status]}`}</p>
          <PlanDocument plan={selected.plan} commenting={mode === 'requestChanges' ? commenting : undefined} />
        </article>
      )}

      {blocked !== null && <p className="plan-panel__note muted">{blocked}</p>}
      {blocked === null && mode === 'view' && (
        <div className="plan-actions" role="group" aria-label={`Decide on plan v${selected.version}`}>
          <PlanApproveButton taskId={task.id} version={selected.version} />
          <button type="button" className="button" onClick={() => setPanel(task.id, { mode: 'requestChanges' })}>
            Request changes
          </button>
          <button type="button" className="button" onClick={() => setPanel(task.id, { mode: 'edit' })}>
            Edit
          </button>
          <button type="button" className="button button--danger-quiet" onClick={() => setPanel(task.id, { mode: 'reject' })}>
            Reject
          </button>
        </div>
      )}
      {mode === 'requestChanges' && !showChanges && <RequestChangesForm taskId={task.id} version={selected} commenting={commenting} />}
      {mode === 'reject' && <RejectPlanForm taskId={task.id} version={selected.version} />}
      {selected.status === 'approved' && selected.version === versions.at(-1)?.version && <SavePlanForm task={task} version={selected} />}
    </>
  );
}
