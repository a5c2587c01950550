import { useId, useState, type ReactNode } from 'react';
import { issuesFromDetails, type PlanVersion } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { fromDraft, issuesByField, nextId, toDraft, type CriterionDraft, type ListField, type PlanDraft, type StepDraft } from './plan-draft';
import { usePlansStore } from './plans-store';

const listLabels: Record<ListField, string> = {
  assumptions: 'Assumptions (one per line)',
  constraints: 'Constraints (one per line)',
  risks: 'Risks (one per line)',
  openQuestions: 'Open questions (one per line)',
};

/**
 * The user's own version of the plan, as a form: title, summary, context, steps, criteria and
 * the lists. Saved as the next version (authored by the user), or saved and approved at once.
 * The host validates it with the same rules as the agent's plans; each problem shows at its field.
 */
export function PlanEditor({ taskId, base }: { taskId: string; base: PlanVersion }) {
  const api = useBridge();
  const setPanel = usePlansStore((s) => s.setPanel);
  const [draft, setDraft] = useState<PlanDraft>(() => toDraft(base.plan));
  const [problems, setProblems] = useState<Map<string, string[]>>(new Map());
  const { pending, error, run } = useHostAction();

  const save = async (approve: boolean) => {
    const result = await run(() => api.invoke('plans.edit', { taskId, baseVersion: base.version, plan: fromDraft(draft), approve }));
    if (!result) return;
    if (result.ok) {
      setProblems(new Map());
      setPanel(taskId, { mode: 'view', selected: null });
    } else setProblems(issuesByField(issuesFromDetails(result.error.details)));
  };
  const change = (patch: Partial<PlanDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const changeStep = (index: number, patch: Partial<StepDraft>) => change({ steps: draft.steps.map((step, at) => (at === index ? { ...step, ...patch } : step)) });
  const changeCriterion = (index: number, patch: Partial<CriterionDraft>) =>
    change({ criteria: draft.criteria.map((criterion, at) => (at === index ? { ...criterion, ...patch } : criterion)) });

  return (
    <form className="plan-form plan-editor" aria-label={`Edit plan v${base.version}`} onSubmit={(event) => event.preventDefault()}>
      <FieldErrors messages={problems.get('plan')} />
      <TextField label="Title" value={draft.title} onChange={(title) => change({ title })} errors={problems.get('title')} />
      <TextField label="Summary" multiline value={draft.summary} onChange={(summary) => change({ summary })} errors={problems.get('summary')} />
      <TextField label="Context" multiline value={draft.context} onChange={(context) => change({ context })} errors={problems.get('context')} />
      <TextField label={listLabels.assumptions} multiline value={draft.assumptions} onChange={(assumptions) => change({ assumptions })} errors={problems.get('assumptions')} />

      <h4 className="plan-document__heading">Steps</h4>
      <FieldErrors messages={problems.get('steps')} />
      {draft.steps.map((step, index) => (
        <fieldset key={index} className="plan-editor__item">
          <legend>{`Step ${step.id || index + 1}`}</legend>
          <div className="plan-editor__row">
            <TextField label="Id" value={step.id} onChange={(id) => changeStep(index, { id })} errors={problems.get(`steps.${index}.id`)} narrow />
            <TextField label="Title" value={step.title} onChange={(title) => changeStep(index, { title })} errors={problems.get(`steps.${index}.title`)} />
          </div>
          <TextField label="Detail" multiline value={step.detail} onChange={(detail) => changeStep(index, { detail })} errors={problems.get(`steps.${index}.detail`)} />
          <TextField label="Files (one per line)" multiline value={step.files} onChange={(files) => changeStep(index, { files })} errors={problems.get(`steps.${index}.files`)} />
          <div className="plan-editor__row">
            <TextField label="After steps (e.g. S1, S2)" value={step.dependsOn} onChange={(dependsOn) => changeStep(index, { dependsOn })} errors={problems.get(`steps.${index}.dependsOn`)} />
            <TextField label="Parallel group" value={step.parallelGroup} onChange={(parallelGroup) => changeStep(index, { parallelGroup })} errors={problems.get(`steps.${index}.parallelGroup`)} />
          </div>
          <FieldErrors messages={problems.get(`steps.${index}`)} />
          <button type="button" className="button button--small button--danger-quiet" onClick={() => change({ steps: draft.steps.filter((_, at) => at !== index) })}>
            {`Remove step ${step.id}`}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--small"
        onClick={() => change({ steps: [...draft.steps, { id: nextId('S', draft.steps.map((step) => step.id)), title: '', detail: '', files: '', dependsOn: '', parallelGroup: '' }] })}
      >
        Add step
      </button>

      <TextField label={listLabels.constraints} multiline value={draft.constraints} onChange={(constraints) => change({ constraints })} errors={problems.get('constraints')} />

      <h4 className="plan-document__heading">Acceptance criteria</h4>
      <FieldErrors messages={problems.get('criteria')} />
      {draft.criteria.map((criterion, index) => (
        <fieldset key={index} className="plan-editor__item">
          <legend>{`Criterion ${criterion.id || index + 1}`}</legend>
          <div className="plan-editor__row">
            <TextField label="Id" value={criterion.id} onChange={(id) => changeCriterion(index, { id })} errors={problems.get(`criteria.${index}.id`)} narrow />
            <TextField label="Outcome" value={criterion.text} onChange={(text) => changeCriterion(index, { text })} errors={problems.get(`criteria.${index}.text`)} />
          </div>
          <TextField label='Verify (a command, or "manual")' value={criterion.verify} onChange={(verify) => changeCriterion(index, { verify })} errors={problems.get(`criteria.${index}.verify`)} />
          <button type="button" className="button button--small button--danger-quiet" onClick={() => change({ criteria: draft.criteria.filter((_, at) => at !== index) })}>
            {`Remove criterion ${criterion.id}`}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button button--small"
        onClick={() => change({ criteria: [...draft.criteria, { id: nextId('AC', draft.criteria.map((criterion) => criterion.id)), text: '', verify: 'manual' }] })}
      >
        Add criterion
      </button>

      <TextField label={listLabels.risks} multiline value={draft.risks} onChange={(risks) => change({ risks })} errors={problems.get('risks')} />
      <TextField label={listLabels.openQuestions} multiline value={draft.openQuestions} onChange={(openQuestions) => change({ openQuestions })} errors={problems.get('openQuestions')} />

      <div className="plan-actions">
        <button type="button" className="button button--primary" onClick={() => void save(true)} disabled={pending} aria-busy={pending}>
          Save and approve
        </button>
        <button type="button" className="button" onClick={() => void save(false)} disabled={pending}>
          Save as new version
        </button>
        <button type="button" className="button" onClick={() => setPanel(taskId, { mode: 'view' })} disabled={pending}>
          Cancel
        </button>
      </div>
      <InlineError message={error} />
    </form>
  );
}

function TextField(props: { label: string; value: string; onChange(value: string): void; errors?: string[]; multiline?: boolean; narrow?: boolean }) {
  const id = useId();
  const errorId = useId();
  const invalid = (props.errors?.length ?? 0) > 0;
  const common = {
    id,
    value: props.value,
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? errorId : undefined,
  };
  let input: ReactNode;
  if (props.multiline) input = <textarea {...common} className="input textarea" rows={2} onChange={(e) => props.onChange(e.target.value)} />;
  else input = <input {...common} className="input" onChange={(e) => props.onChange(e.target.value)} />;
  return (
    <div className={`field${props.narrow ? ' plan-editor__narrow' : ''}`}>
      <label htmlFor={id} className="field__label">
        {props.label}
      </label>
      {input}
      <FieldErrors id={errorId} messages={props.errors} />
    </div>
  );
}

function FieldErrors({ messages, id }: { messages: string[] | undefined; id?: string }) {
  if (!messages || messages.length === 0) return null;
  return (
    <p id={id} className="inline-error" role="alert">
      {messages.join('; ')}
    </p>
  );
}
