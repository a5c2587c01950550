import type { Task, WorkspaceSetupConfig } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useTerminalsStore } from '../terminals/terminals-store';

/**
 * Run: the repository's run script (a dev server on `BRAID_PORT`) in a terminal tab of the task,
 * shown at once; pressed again it restarts. Shown when the config has one; disabled (saying
 * why) until it is trusted.
 */
export function RunScriptButton({ task, config }: { task: Task; config: WorkspaceSetupConfig | null }) {
  const api = useBridge();
  const { pending, error, run } = useHostAction();
  if (!config || config.scripts.run.length === 0) return null;
  const why = task.workspace.state !== 'ready' ? 'The worktree is not ready.' : !config.trusted ? 'Trust the workspace scripts first (Workspace scripts, below).' : null;
  const start = async () => {
    const result = await run(() => api.invoke('workspaces.runScript', { taskId: task.id }));
    if (result?.ok) useTerminalsStore.getState().showTab(task.id, { terminalId: result.data.terminalId });
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
