import type { Task } from '../../../src-shared/contract';
import type { ExternalEngine } from '../agents/external-engine';

/** The engines that are not Braid's own loop, each task's run sent to the one its engine names. */
export function routeExternalEngines(engines: { acp: ExternalEngine; tui: ExternalEngine }): ExternalEngine {
  const of = (task: Task) => (task.engine.kind === 'tui' ? engines.tui : engines.acp);
  return {
    check: (task) => of(task).check(task),
    run: (run) => of(run.task).run(run),
    async release(taskId) {
      await Promise.all([engines.acp.release(taskId), engines.tui.release(taskId)]);
    },
    async close() {
      await Promise.all([engines.acp.close(), engines.tui.close()]);
    },
  };
}
