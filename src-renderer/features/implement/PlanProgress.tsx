import type { ImplementTaskProgress, Task } from '../../../src-shared/contract';
import { InlineError } from '../../ui/InlineError';
import { useSelectionStore } from '../selection/selection-store';
import { taskBadge } from '../tasks/task-badge';
import { useTask } from '../tasks/tasks-store';
import { usePlanProgress } from './implement-store';
import { StepChecklist } from './StepChecklist';
import './implement.css';

/**
 * In a plan task's Plan panel: every implement task started from its plan, live: the task (a
 * link to it), its status ("ready for review" once its run ended), and its steps with their
 * status and the agent's notes. Nothing while no version was implemented.
 */
export function PlanProgress({ planTask }: { planTask: Task }) {
  const { data, error } = usePlanProgress(planTask.id);
  if (!data || data.tasks.length === 0) return <InlineError message={error} />;
  const steps = data.tasks.flatMap((task) => task.steps);
  const finished = steps.filter((step) => step.status === 'done' || step.status === 'skipped').length;
  return (
    <section className="plan-progress" aria-label="Implementation">
      <h3 className="plan-document__heading">{`Implementation: ${finished} of ${steps.length} steps done or skipped`}</h3>
      <InlineError message={error} />
      <ul className="plan-progress__tasks" aria-label="Implement tasks">
        {data.tasks.map((task) => (
          <ImplementTaskRow key={task.taskId} progress={task} projectId={planTask.projectId} />
        ))}
      </ul>
    </section>
  );
}

function ImplementTaskRow({ progress, projectId }: { progress: ImplementTaskProgress; projectId: string }) {
  const task = useTask(progress.taskId);
  const selectTask = useSelectionStore((s) => s.selectTask);
  const badge = task ? taskBadge(task) : null;
  return (
    <li className="plan-progress__task" aria-label={progress.title}>
      <div className="plan-progress__heading">
        <button type="button" className="link-button" onClick={() => selectTask(projectId, progress.taskId)}>
          {progress.title}
        </button>
        {badge && <span className={`badge badge--${badge.tone}`}>{badge.label}</span>}
        <span className="muted">{`plan v${progress.version}`}</span>
      </div>
      <StepChecklist steps={progress.steps} label={`Steps of ${progress.title}`} />
    </li>
  );
}
