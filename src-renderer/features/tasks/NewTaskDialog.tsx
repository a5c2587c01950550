import { useId, useState, type FormEvent } from 'react';
import { taskRoles, type TaskRole } from '../../../src-shared/contract';
import { engineRoleRefusal } from '../../../src-shared/engines/engine-roles';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { Modal } from '../../ui/Modal';
import { useHostAction } from '../../ui/use-host-action';
import { useProject } from '../projects/projects-store';
import { useSelectionStore } from '../selection/selection-store';
import { EngineField } from '../engines/EngineField';
import { engineOf, initialEngineChoice } from '../engines/engine-choice';
import { useEngines } from '../engines/use-engines';
import '../engines/engines.css';
import { SlashCommandMenu } from '../slash-commands/SlashCommandMenu';
import { useSlashMenu } from '../slash-commands/use-slash-menu';
import { BaseBranchSelect } from './BaseBranchSelect';
import { useTasksStore } from './tasks-store';
import { defaultBaseBranch, useBranches } from './use-branches';

/**
 * Creates a task. The host answers at once with a task whose workspace is `creating`; it turns
 * `ready` or `failed` through events while the user moves on. The prompt may start with one of
 * the project's slash commands (`/` opens the menu); the host refuses an unknown one.
 */
export function NewTaskDialog({ projectId, onClose }: { projectId: string; onClose(): void }) {
  const api = useBridge();
  const project = useProject(projectId);
  const selectTask = useSelectionStore((s) => s.selectTask);
  const branches = useBranches(projectId);
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('');
  const [role, setRole] = useState<TaskRole>('implement');
  const [chosenBase, setChosenBase] = useState<string | null>(null);
  const engines = useEngines();
  const [engineChoice, setEngineChoice] = useState(initialEngineChoice);
  const { pending, error, run, setError } = useHostAction();
  const ids = { title: useId(), prompt: useId(), role: useId() };
  const menu = useSlashMenu(prompt, setPrompt, { projectId });

  const baseBranch = chosenBase ?? (branches.status === 'loaded' ? defaultBaseBranch(branches.branches) : null);
  // Said before submitting: the host refuses the same pair (ENGINE_CANNOT_TAKE_ROLE).
  const chosenEngine = engineOf(engineChoice);
  const roleRefusal = chosenEngine.ok ? engineRoleRefusal(chosenEngine.engine, role) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') {
      setError('A title is required.');
      return;
    }
    const engine = chosenEngine;
    if (!engine.ok) {
      setError(engine.message);
      return;
    }
    if (roleRefusal) return;
    const result = await run(() =>
      api.invoke('tasks.create', {
        projectId,
        title: title.trim(),
        prompt,
        role,
        engine: engine.engine,
        ...(baseBranch ? { baseBranch } : {}),
      }),
    );
    if (!result?.ok) return;
    useTasksStore.getState().insertIfAbsent(result.data);
    selectTask(projectId, result.data.id);
    onClose();
  };

  return (
    <Modal title={project ? `New task in ${project.name}` : 'New task'} onClose={onClose} className="modal--wide">
      <form onSubmit={submit} className="form">
        <div className="field">
          <label htmlFor={ids.title} className="field__label">
            Title
          </label>
          <input
            id={ids.title}
            className="input"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            data-autofocus
          />
        </div>
        <div className="field">
          <label htmlFor={ids.prompt} className="field__label">
            Prompt
          </label>
          <div className="slash-field">
            <textarea
              id={ids.prompt}
              className="input textarea"
              rows={6}
              value={prompt}
              onChange={(e) => setPrompt(e.target.value)}
              onKeyDown={(event) => menu.onKeyDown(event)}
              placeholder="What the agent should do (/ for the project's commands)"
              {...menu.inputProps}
            />
            <SlashCommandMenu menu={menu} placement="below" />
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.role} className="field__label">
              Role
            </label>
            <select id={ids.role} className="input" value={role} onChange={(e) => setRole(e.target.value as TaskRole)}>
              {/* A review is started on the task it reviews (Start review), in that task's workspace. */}
              {taskRoles
                .filter((r) => r !== 'review')
                .map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
            </select>
          </div>
          <BaseBranchSelect load={branches} value={baseBranch} onChange={setChosenBase} />
        </div>
        <EngineField load={engines} value={engineChoice} onChange={setEngineChoice} />
        <InlineError message={roleRefusal} />
        <InlineError message={error} />
        <div className="modal__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={pending || roleRefusal !== null} aria-busy={pending}>
            Create task
          </button>
        </div>
      </form>
    </Modal>
  );
}
