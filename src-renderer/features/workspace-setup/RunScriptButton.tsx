import type { Task, WorkspaceSetupConfig } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useSelectionStore } from '../selection/selection-store';
import { useWorkspaceOwnerId } from '../tasks/tasks-store';
import { useTerminalsStore } from '../terminals/terminals-store';

/**
 * Run: the repository's run script (a dev server on `BRAID_PORT`) in a terminal tab of the
 * workspace's owner (pressed in a review task's view, its reviewed task's), shown at once;
 * pressed again it restarts. Shown when the config has one; disabled (saying why) until it is
 * trusted.
 */
export function RunScriptButton({ task, config }: { task: Task; config: WorkspaceSetupConfig | null }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  const ownerId = useWorkspaceOwnerId(task.id);
  if (!config || config.scripts.run.length === 0) return null;
  const why = task.workspace.state !== 'ready' ? 'The worktree is not ready.' : !config.trusted ? 'Trust the workspace scripts first (Workspace scripts, below).' : null;
  const start = async () => {
    const result = await run(() => api.invoke('workspaces.runScript', { taskId: task.id }));
    if (!result?.ok) return;
    useTerminalsStore.getState().showTab(ownerId, { terminalId: result.data.terminalId });
    if (ownerId !== task.id) useSelectionStore.getState().selectTask(task.projectId, ownerId);
  };
  return (
    <>
      <button type="button" className="button" title={why ?? config.scripts.run.join('\n')} onClick={() => void start()} disabled={pending || why !== null} aria-busy={pending}>
        Run
      </button>
      <InlineError message={error} />
    </>
  );
}
