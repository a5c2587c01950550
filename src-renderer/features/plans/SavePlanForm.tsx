import { useEffect, useId, useState } from 'react';
import type { PlanVersion, Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useTaskIds, useTasksStore } from '../tasks/tasks-store';

/**
 * "Save to repository": the approved plan's Markdown committed into a chosen task's workspace
 * (only that file; the workspace's other changes stay as they are), at the project's plans
 * folder or a path the user types.
 */
export function SavePlanForm({ task, version }: { task: Task; version: PlanVersion }) {
  const api = useBridge();
  const ids = useTaskIds(task.projectId);
  const byId = useTasksStore((s) => s.byId);
  const workspaces = ids.map((id) => byId[id]).filter((candidate): candidate is Task => candidate?.workspace.state === 'ready');
  const [target, setTarget] = useState(task.id);
  const [path, setPath] = useState('');
  const [plansDir, setPlansDir] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ path: string; commit: string; title: string } | null>(null);
  const { pending, error, run } = useHostAction();
  const fieldIds = { target: useId(), path: useId() };

  useEffect(() => {
    let current = true;
    void api.invoke('projects.pipelineSettings.get', { projectId: task.projectId }).then((result) => {
      if (current && result.ok) setPlansDir(result.data.plansDir);
    });
    return () => {
      current = false;
    };
  }, [api, task.projectId]);

  const save = async () => {
    const result = await run(() =>
      api.invoke('plans.saveToRepository', { taskId: task.id, version: version.version, workspaceTaskId: target, ...(path.trim() ? { path: path.trim() } : {}) }),
    );
    if (result?.ok) setSaved({ ...result.data, title: byId[target]?.title ?? '' });
  };

  return (
    <section className="plan-form plan-save" aria-label="Save to repository">
      <h4 className="plan-document__heading">Save to repository</h4>
      <div className="plan-editor__row">
        <div className="field">
          <label htmlFor={fieldIds.target} className="field__label">
            Workspace
          </label>
          <select id={fieldIds.target} className="input" value={target} onChange={(e) => setTarget(e.target.value)}>
            {workspaces.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>{`${candidate.title} (${candidate.workspace.branch})`}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={fieldIds.path} className="field__label">
            Path
          </label>
          <input
            id={fieldIds.path}
            className="input mono"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder={plansDir ? `${plansDir}/<title>.md` : 'docs/plans/<title>.md'}
          />
        </div>
      </div>
      <div className="plan-actions">
        <button type="button" className="button" onClick={() => void save()} disabled={pending || workspaces.length === 0} aria-busy={pending}>
          Commit plan
        </button>
        {saved && (
          <span role="status" className="muted">
            {`Committed ${saved.path} as ${saved.commit.slice(0, 8)} in ${saved.title}.`}
          </span>
        )}
      </div>
      <InlineError message={error} />
    </section>
  );
}
