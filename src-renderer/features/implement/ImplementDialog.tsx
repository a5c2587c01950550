import { useId, useMemo, useState } from 'react';
import type { PlanVersion, Task } from '../../../src-shared/contract';
import { assignmentProblems, crossingDependencies } from '../../../src-shared/plans/implement-assignments';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { Modal } from '../../ui/Modal';
import { useHostAction } from '../../ui/use-host-action';
import { useConfiguredModels } from '../conversation/use-configured-models';
import { addTask, initialDraft, moveStep, removeTask, toAssignments, updateTask, type DraftTask } from './assignment-draft';
import './implement.css';

/**
 * "Implement…" on an approved plan version: which steps each implement task gets (pre-filled
 * with one task per parallel group), a title and model per task, steps moved between tasks,
 * tasks added and removed; a dependency that crosses from one task to another is a warning.
 * The host checks it all again (`plans.implement`); its problems show here.
 */
export function ImplementDialog({ planTask, version, onClose }: { planTask: Task; version: PlanVersion; onClose(): void }) {
  const api = useBridge();
  const steps = version.plan.steps;
  const [draft, setDraft] = useState(() => initialDraft(steps));
  const { pending, error, run } = useHostAction();
  const models = useConfiguredModels();
  const modelListId = useId();
  const problems = useMemo(() => assignmentProblems(steps, toAssignments(draft)).map((issue) => issue.message), [steps, draft]);
  const crossing = useMemo(() => crossingDependencies(steps, draft.tasks), [steps, draft]);
  const count = draft.tasks.length;

  const start = async () => {
    const result = await run(() => api.invoke('plans.implement', { taskId: planTask.id, version: version.version, assignments: toAssignments(draft) }));
    if (result?.ok) onClose();
  };

  return (
    <Modal title={`Implement plan v${version.version}`} onClose={onClose} className="modal--wide implement-dialog">
      <p className="muted">
        {`Each task gets its own worktree from ${planTask.workspace.baseBranch} (the same commit for all of them), pinned to plan v${version.version} and its steps. Their agents start at once, in parallel.`}
      </p>
      <div className="implement-dialog__tasks">
        {draft.tasks.map((task, index) => (
          <DraftTaskFields
            key={task.key}
            task={task}
            index={index}
            tasks={draft.tasks}
            planTitle={version.plan.title}
            stepTitle={(id) => steps.find((step) => step.id === id)?.title ?? ''}
            modelListId={modelListId}
            onFocusModel={models.load}
            onChange={(change) => setDraft((current) => updateTask(current, task.key, change))}
            onMove={(stepId, toKey) => setDraft((current) => moveStep(current, steps, stepId, toKey))}
            onRemove={count > 1 ? () => setDraft((current) => removeTask(current, steps, task.key)) : undefined}
          />
        ))}
      </div>
      <datalist id={modelListId}>
        {models.models.map((ref) => (
          <option key={ref} value={ref} />
        ))}
      </datalist>
      <button type="button" className="button button--small" onClick={() => setDraft(addTask)}>
        Add task
      </button>

      {crossing.length > 0 && (
        <section className="notice implement-dialog__warning" aria-label="Dependencies across tasks">
          <p>
            <strong>These steps depend on steps another task implements in parallel:</strong>
          </p>
          <ul>
            {crossing.map((dependency) => (
              <li key={`${dependency.stepId}-${dependency.dependsOn}`}>
                {`${dependency.stepId} (task ${dependency.task + 1}) depends on ${dependency.dependsOn} (task ${dependency.otherTask + 1}); its agent is told, but works without that step’s changes.`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {problems.map((problem) => (
        <p key={problem} className="inline-error" role="alert">
          {problem}
        </p>
      ))}
      <InlineError message={error} />
      <div className="modal__actions">
        <button type="button" className="button" onClick={onClose} disabled={pending}>
          Cancel
        </button>
        <button type="button" className="button button--primary" onClick={() => void start()} disabled={pending || problems.length > 0} aria-busy={pending}>
          {`Start ${count} task${count === 1 ? '' : 's'}`}
        </button>
      </div>
    </Modal>
  );
}

interface DraftTaskFieldsProps {
  task: DraftTask;
  index: number;
  tasks: DraftTask[];
  planTitle: string;
  stepTitle(stepId: string): string;
  modelListId: string;
  onFocusModel(): void;
  onChange(change: Partial<Pick<DraftTask, 'title' | 'model'>>): void;
  onMove(stepId: string, toKey: number): void;
  onRemove?: () => void;
}

function DraftTaskFields({ task, index, tasks, planTitle, stepTitle, modelListId, onFocusModel, onChange, onMove, onRemove }: DraftTaskFieldsProps) {
  const ids = { title: useId(), model: useId() };
  const name = `Task ${index + 1}`;
  return (
    <fieldset className="implement-task" aria-label={name}>
      <legend className="implement-task__legend">{name}</legend>
      <div className="plan-editor__row">
        <div className="field">
          <label htmlFor={ids.title} className="field__label">
            Title
          </label>
          <input id={ids.title} className="input" value={task.title} placeholder={`${planTitle} — ${task.stepIds.join(', ')}`} onChange={(e) => onChange({ title: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.model} className="field__label">
            Model
          </label>
          <input
            id={ids.model}
            className="input mono"
            list={modelListId}
            value={task.model}
            placeholder="role default"
            spellCheck={false}
            autoComplete="off"
            onFocus={onFocusModel}
            onChange={(e) => onChange({ model: e.target.value })}
          />
        </div>
      </div>
      <ul className="implement-task__steps" aria-label={`Steps of ${name}`}>
        {task.stepIds.map((stepId) => (
          <li key={stepId} className="implement-task__step" aria-label={`${stepId}. ${stepTitle(stepId)}`}>
            <span>
              <span className="plan-id">{stepId}</span> {stepTitle(stepId)}
            </span>
            {tasks.length > 1 && (
              <select className="input" aria-label={`Move ${stepId} to`} value={task.key} onChange={(e) => onMove(stepId, Number(e.target.value))}>
                {tasks.map((other, at) => (
                  <option key={other.key} value={other.key}>{`Task ${at + 1}`}</option>
                ))}
              </select>
            )}
          </li>
        ))}
        {task.stepIds.length === 0 && <li className="muted">No steps yet: move steps here from another task.</li>}
      </ul>
      {onRemove && (
        <button type="button" className="button button--small button--danger-quiet" onClick={onRemove}>
          {`Remove ${name}`}
        </button>
      )}
    </fieldset>
  );
}
