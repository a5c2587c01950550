import type { Task } from '../../../src-shared/contract';
import { engineLabel, isBusyStatus } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { InlineError } from '../../ui/InlineError';
import { useHostAction } from '../../ui/use-host-action';
import { useTaskTerminals, useTerminalsStore } from '../terminals/terminals-store';

/**
 * In place of the composer for a task whose engine is a CLI without ACP: it works in its own
 * terminal, so Braid says plainly that there is no structured timeline, shows that terminal on
 * request, and offers Stop and Start again (the CLI's status is its process's).
 */
export function TuiTaskBar({ task }: { task: Task }) {
  const api = useBridge();
  const control = useHostAction();
  const terminals = useTaskTerminals(task.id);
  const showTab = useTerminalsStore((s) => s.showTab);
  const label = engineLabel(task.engine);
  const own = [...terminals].reverse().find((terminal) => terminal.kind === 'command' && terminal.title === `${label} (agent)`);
  const busy = isBusyStatus(task.agent.status);
  return (
    <section className="composer tui-task-bar" aria-label="Terminal agent">
      <p className="no-timeline-note">
        <strong>{label}</strong> runs in its own terminal. There is no structured timeline for it: Braid shows no tool calls, approval cards, per-call diffs or usage for
        this task, only whether it runs. Work with it in its terminal; DiffLens still shows what changed in the worktree.
      </p>
      <div className="composer__bar">
        {own && (
          <button type="button" className="button" onClick={() => showTab(task.id, { terminalId: own.id })}>
            Show its terminal
          </button>
        )}
        {busy ? (
          <button type="button" className="button" onClick={() => void control.run(() => api.invoke('agent.stop', { taskId: task.id }))} disabled={control.pending}>
            Stop
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={() => void control.run(() => api.invoke('agent.resume', { taskId: task.id }))} disabled={control.pending}>
            Start again
          </button>
        )}
      </div>
      <InlineError message={control.error} />
    </section>
  );
}
