import { isReadyForReview, type Task } from '../../../src-shared/contract';
import { InlineError } from '../../ui/InlineError';
import { useSelectionStore } from '../selection/selection-store';
import { useTask } from '../tasks/tasks-store';
import { useImplementSummary } from './implement-store';
import { ImplementSummaryView } from './ImplementSummaryView';
import { StepChecklist } from './StepChecklist';
import './implement.css';

/**
 * In an implement task pinned to a plan: the plan version it implements (a link to the plan
 * task), its steps as a live checklist, the steps other tasks have, and once its run ended
 * "ready for review" with the summary.
 */
export function ImplementPanel({ task }: { task: Task }) {
  const pin = task.planPin;
  const { data, error } = useImplementSummary(task.id);
  const planTask = useTask(pin?.planTaskId ?? null);
  const selectTask = useSelectionStore((s) => s.selectTask);
  if (!pin) return null;
  const ready = isReadyForReview(task);
  const others = data?.otherSteps.filter((step) => step.taskTitle !== null) ?? [];
  return (
    <section className="implement-panel" aria-label="Implementation">
      <header className="implement-panel__header">
        <h2 className="plan-panel__title">Implements</h2>
        {planTask ? (
          <button type="button" className="link-button" onClick={() => selectTask(planTask.projectId, planTask.id)}>
            {`plan v${pin.version} of “${planTask.title}”`}
          </button>
        ) : (
          <span className="muted">{`plan v${pin.version} (its plan task was deleted)`}</span>
        )}
        {ready && <span className="badge badge--ready_for_review">ready for review</span>}
      </header>
      <InlineError message={error} />
      <div className="implement-panel__body">
        {data && <StepChecklist steps={data.steps} label="Steps" />}
        {others.length > 0 && <p className="muted implement-panel__others">{`Other tasks implement ${others.map((step) => `${step.stepId} (“${step.taskTitle}”)`).join(', ')}.`}</p>}
        {ready && data && <ImplementSummaryView summary={data} />}
      </div>
    </section>
  );
}
