import { useReducer, useState } from 'react';
import type { ConflictFileView, MergeOutcomeView, Task } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { buildResolutions, initialResolutions, isFileResolved, resolutionLabel, resolutionReducer } from './conflict-resolution';
import { ConflictFileEditor } from './ConflictFileEditor';

export type ConflictStep = Extract<MergeOutcomeView, { status: 'conflicts' }>['step'];

interface ConflictResolverProps {
  task: Task;
  mergeId: string;
  conflicts: ConflictFileView[];
  step: ConflictStep;
  targetBranch: string;
  onOutcome(outcome: MergeOutcomeView): void;
  onAborted(): void;
  onAskedAgent(files: string[]): void;
}

/**
 * The three-way view of a merge stopped at conflicts. Each file is resolved by taking a side,
 * deleting, or editing the result until no marker is left; "Complete merge" sends one
 * resolution per file. Remount it (key) for each new stop of a rebase.
 */
export function ConflictResolver({ task, mergeId, conflicts, step, targetBranch, onOutcome, onAborted, onAskedAgent }: ConflictResolverProps) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const [state, dispatch] = useReducer(resolutionReducer, conflicts, initialResolutions);
  const [selected, setSelected] = useState(conflicts[0]?.path ?? '');
  const file = conflicts.find((item) => item.path === selected) ?? conflicts[0];
  const built = buildResolutions(conflicts, state);
  const resolvedCount = conflicts.length - (built.ok ? 0 : built.unresolved.length);

  const complete = async () => {
    if (!built.ok) return;
    const result = await run(() => api.invoke('merge.resolve', { mergeId, resolutions: built.resolutions }));
    if (result?.ok) onOutcome(result.data);
  };

  const abort = async () => {
    // An unknown merge (Braid restarted) changed nothing either.
    const result = await run(() => api.invoke('merge.abort', { mergeId }), { explain: (failure) => (failure.code === 'NOT_FOUND' ? null : failure.message) });
    if (result && (result.ok || result.error.code === 'NOT_FOUND')) onAborted();
  };

  const askAgent = async () => {
    const result = await run(() => api.invoke('merge.askAgent', { taskId: task.id, mergeId }));
    if (result?.ok) onAskedAgent(result.data.conflicts);
  };

  return (
    <div className="conflicts">
      <p className="conflicts__intro">
        {step
          ? `Replaying commit ${step.index} of ${step.total} (“${step.commit.subject}”) onto ${targetBranch} stopped at conflicts. `
          : `${task.workspace.branch} and ${targetBranch} changed the same lines. `}
        Nothing has changed yet: the merge lands only when you complete it. {resolvedCount} of {conflicts.length} resolved.
      </p>
      <div className="conflicts__body">
        <ul className="conflicts__files" aria-label="Conflicted files">
          {conflicts.map((item) => {
            const resolved = isFileResolved(item, state[item.path]);
            return (
              <li key={item.path}>
                <button
                  type="button"
                  className={`conflicts__file${resolved ? ' conflicts__file--resolved' : ''}`}
                  aria-current={item.path === file?.path ? 'true' : undefined}
                  aria-label={`${item.path}, ${resolutionLabel(item, state[item.path])}`}
                  onClick={() => setSelected(item.path)}
                >
                  <span aria-hidden="true">{resolved ? '✓' : '!'}</span>
                  <span className="mono conflicts__file-path">{item.path}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {file && (
          <ConflictFileEditor
            key={file.path}
            file={file}
            resolution={state[file.path]}
            dispatch={dispatch}
            targetBranch={targetBranch}
            workspaceBranch={task.workspace.branch}
          />
        )}
      </div>
      <InlineError message={error} />
      <div className="modal__actions conflicts__actions">
        <button type="button" className="button" onClick={askAgent} disabled={pending}>
          Ask the agent to resolve
        </button>
        <button type="button" className="button" onClick={abort} disabled={pending}>
          Abort
        </button>
        <span className="conflicts__spacer" />
        {!built.ok && <span className="field__hint">Unresolved: {built.unresolved.join(', ')}</span>}
        <button type="button" className="button button--primary" onClick={complete} disabled={!built.ok || pending} aria-busy={pending}>
          Complete merge
        </button>
      </div>
    </div>
  );
}
