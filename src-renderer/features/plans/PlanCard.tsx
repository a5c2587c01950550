import type { PlanItem } from '../conversation/timeline-items';
import { PlanApproveButton } from './PlanApproveButton';
import { PlanDocument } from './PlanDocument';
import { authorLabel, notDecidableReason, planStatusLabels } from './plan-text';
import { usePlansStore, useTaskPlans } from './plans-store';
import './plans.css';

/**
 * A plan version where it was submitted in the conversation: title, summary, steps, criteria,
 * its status now, and the decisions right there while it waits (Approve; the others open the
 * Plan panel, where comments go on single steps and criteria).
 */
export function PlanCard({ item, taskId }: { item: PlanItem; taskId: string }) {
  const { versions, loaded } = useTaskPlans(taskId);
  const openPanel = usePlansStore((s) => s.openPanel);
  const version = versions.find((candidate) => candidate.version === item.version);
  const label = `Plan v${item.version}`;
  if (!version) {
    return (
      <article className="plan-card" aria-label={label}>
        <p className="muted">{loaded ? `${label} is not available.` : `${label} (loading…)`}</p>
      </article>
    );
  }
  const blocked = notDecidableReason(version, versions);
  return (
    <article className={`plan-card plan-card--${version.status}`} aria-label={label}>
      <header className="plan-card__header">
        <span className="plan-card__version">{label}</span>
        <span className={`badge badge--plan-${version.status}`}>{planStatusLabels[version.status]}</span>
        <span className="muted">{authorLabel(version.author)}</span>
      </header>
      <h3 className="plan-card__title selectable">{version.plan.title}</h3>
      <PlanDocument plan={version.plan} compact />
      {blocked === null ? (
        <div className="plan-actions" role="group" aria-label={`Decide on plan v${version.version}`}>
          <PlanApproveButton taskId={taskId} version={version.version} />
          <button type="button" className="button" onClick={() => openPanel(taskId, 'requestChanges', version.version)}>
            Request changes
          </button>
          <button type="button" className="button" onClick={() => openPanel(taskId, 'edit', version.version)}>
            Edit
          </button>
          <button type="button" className="button button--danger-quiet" onClick={() => openPanel(taskId, 'reject', version.version)}>
            Reject
          </button>
        </div>
      ) : (
        <p className="plan-card__outcome muted">
          {blocked}{' '}
          <button type="button" className="button button--small" onClick={() => openPanel(taskId, 'view', version.version)}>
            Open in Plan panel
          </button>
        </p>
      )}
    </article>
  );
}
