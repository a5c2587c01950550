import { useEffect, useId, useState, type FormEvent } from 'react';
import type { PipelineSettings, TaskRole } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { Modal } from '../../ui/Modal';
import { useHostAction } from '../../ui/use-host-action';
import { useConfiguredModels } from '../conversation/use-configured-models';
import { useProject } from '../projects/projects-store';
import { useSelectionStore } from '../selection/selection-store';
import { BaseBranchSelect } from '../tasks/BaseBranchSelect';
import { defaultBaseBranch, useBranches } from '../tasks/use-branches';
import { gatesSummary } from './pipeline-text';
import { usePipelinesStore } from './pipelines-store';
import './pipelines.css';

const roles: readonly TaskRole[] = ['plan', 'implement', 'review'];
const roleLabels: Record<TaskRole, string> = { plan: 'Plan model', implement: 'Implement model', review: 'Review model' };

/**
 * "New pipeline": a goal (and a title, a base branch, a model per role) becomes a plan task;
 * approving its plan creates the implement tasks, and each gets its check and review by the
 * project's gates, which the dialog names. Opens the pipeline's view once it exists.
 */
export function NewPipelineDialog({ projectId, onClose }: { projectId: string; onClose(): void }) {
  const api = useBridge();
  const project = useProject(projectId);
  const branches = useBranches(projectId);
  const models = useConfiguredModels();
  const [goal, setGoal] = useState('');
  const [title, setTitle] = useState('');
  const [chosenBase, setChosenBase] = useState<string | null>(null);
  const [picked, setPicked] = useState<Record<TaskRole, string>>({ plan: '', implement: '', review: '' });
  const [gates, setGates] = useState<PipelineSettings | null>(null);
  const { pending, error, run, setError } = useHostAction();
  const ids = { goal: useId(), title: useId(), models: useId(), plan: useId(), implement: useId(), review: useId() };
  const baseBranch = chosenBase ?? (branches.status === 'loaded' ? defaultBaseBranch(branches.branches) : null);

  useEffect(() => {
    let current = true;
    void api.invoke('projects.pipelineSettings.get', { projectId }).then((result) => {
      if (current && result.ok) setGates(result.data);
    });
    return () => {
      current = false;
    };
  }, [api, projectId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (goal.trim() === '') {
      setError('Say what the pipeline should achieve.');
      return;
    }
    const model = (role: TaskRole) => picked[role].trim() || null;
    const result = await run(() =>
      api.invoke('pipelines.create', {
        projectId,
        goal: goal.trim(),
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(baseBranch ? { baseBranch } : {}),
        models: { plan: model('plan'), implement: model('implement'), review: model('review') },
      }),
    );
    if (!result?.ok) return;
    usePipelinesStore.getState().putView(result.data);
    useSelectionStore.getState().selectPipeline(projectId, result.data.pipeline.id);
    onClose();
  };

  return (
    <Modal title={project ? `New pipeline in ${project.name}` : 'New pipeline'} onClose={onClose} className="modal--wide">
      <form onSubmit={submit} className="form">
        <p className="muted">A planning agent turns the goal into a plan. Approving it starts the implement tasks (one per parallel group), and each is reviewed when it is done.</p>
        <div className="field">
          <label htmlFor={ids.goal} className="field__label">
            Goal
          </label>
          <textarea id={ids.goal} className="input textarea" rows={5} value={goal} onChange={(e) => setGoal(e.target.value)} maxLength={20_000} data-autofocus />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.title} className="field__label">
              Title
            </label>
            <input id={ids.title} className="input" value={title} maxLength={200} placeholder="the goal's first line" onChange={(e) => setTitle(e.target.value)} />
          </div>
          <BaseBranchSelect load={branches} value={baseBranch} onChange={setChosenBase} />
        </div>
        <fieldset className="field pipeline-models">
          <legend className="field__label">Models</legend>
          {roles.map((role) => (
            <div key={role} className="field">
              <label htmlFor={ids[role]} className="field__label">
                {roleLabels[role]}
              </label>
              <input
                id={ids[role]}
                className="input mono"
                list={ids.models}
                value={picked[role]}
                placeholder="role default"
                spellCheck={false}
                autoComplete="off"
                onFocus={models.load}
                onChange={(e) => setPicked((current) => ({ ...current, [role]: e.target.value }))}
              />
            </div>
          ))}
          <datalist id={ids.models}>
            {models.models.map((ref) => (
              <option key={ref} value={ref} />
            ))}
          </datalist>
        </fieldset>
        {gates && (
          <p className="muted" aria-label="Gates of this project">
            {gatesSummary(gates)} Change them in Settings → Review.
          </p>
        )}
        <InlineError message={error} />
        <div className="modal__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={pending} aria-busy={pending}>
            Start pipeline
          </button>
        </div>
      </form>
    </Modal>
  );
}
