import { fail, type Task } from '../../../src-shared/contract';
import { engineRoleRefusal } from '../../../src-shared/engines/engine-roles';
import type { ExternalEngine } from '../agents/external-engine';

/**
 * The engines that are not Braid's own loop, each task's run sent to the one its engine names.
 * A task whose role its engine cannot finish (stored before that was refused at creation) is
 * refused before a run is queued, saying why.
 */
export function routeExternalEngines(engines: { acp: ExternalEngine; tui: ExternalEngine }): ExternalEngine {
  const of = (task: Task) => (task.engine.kind === 'tui' ? engines.tui : engines.acp);
  return {
    check: (task) => {
      const refusal = engineRoleRefusal(task.engine, task.role);
      return refusal ? fail('ENGINE_CANNOT_TAKE_ROLE', refusal) : of(task).check(task);
    },
    run: (run) => of(run.task).run(run),
    async release(taskId) {
      await Promise.all([engines.acp.release(taskId), engines.tui.release(taskId)]);
    },
    async close() {
      await Promise.all([engines.acp.close(), engines.tui.close()]);
    },
  };
}
