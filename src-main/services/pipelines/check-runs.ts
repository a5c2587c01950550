import type { PipelineCheck, Task } from '../../../src-shared/contract';
import type { CommandConfinement, CommandIsolation } from '../sandbox/command-isolation';
import { newId } from '../store/ids';
import type { WorkspaceContext } from '../workspaces/context';
import { runCheckCommand, type CheckOutcome, type CheckRun } from './check-command';

export interface CheckRunsDeps {
  isolation: Promise<CommandIsolation>;
  /** The sandbox of the check in the task's workspace, or null where the machine has none. */
  confinementFor(taskId: string): CommandConfinement | null;
  /** Runs one check (tests pass a shorter timeout). */
  run?: (run: CheckRun) => Promise<CheckOutcome>;
}

/**
 * The project's check command in implement tasks' workspaces: one run per task at a time, each
 * stored (`pipeline_check`) as it starts and when it ends, each published (`check.started`,
 * `check.finished`). A run is cancelled when its task's agent starts working again (the result
 * would be about work that is changing), when the task goes, and when Braid closes. At start-up,
 * a check left `running` ended with Braid: it is recorded as an `error` saying so.
 */
export function createCheckRuns(context: WorkspaceContext, deps: CheckRunsDeps) {
  const { store, events, now } = context;
  const running = new Map<string, { controller: AbortController; done: Promise<PipelineCheck | null> }>();
  const run = deps.run ?? runCheckCommand;

  for (const left of store.pipelineChecks.running()) {
    store.pipelineChecks.finish(left.id, { status: 'error', exitCode: null, output: left.output, reason: 'Braid stopped while the check ran.', finishedAt: now() });
  }

  const publish = (event: 'check.started' | 'check.finished', task: Task, checkId: string) => {
    const check = store.pipelineChecks.get(checkId);
    if (check) void events.publish(event, { projectId: task.projectId, pipelineId: task.pipelineId, check });
    return check;
  };

  return {
    isRunning: (taskId: string): boolean => running.has(taskId),

    /**
     * Runs `command` in the task's worktree: `started` resolves with the stored check once it
     * runs, `done` with its result once it ended; both with null when the task went before it
     * could start (its rows, checks included, went with it).
     */
    start(task: Task, command: string): { started: Promise<PipelineCheck | null>; done: Promise<PipelineCheck | null> } {
      const controller = new AbortController();
      const id = newId();
      let announce!: (check: PipelineCheck | null) => void;
      const started = new Promise<PipelineCheck | null>((resolve) => (announce = resolve));
      const done = (async (): Promise<PipelineCheck | null> => {
        const isolation = await deps.isolation;
        if (!store.tasks.exists(task.id) || controller.signal.aborted) return null;
        const confinement = deps.confinementFor(task.id);
        store.pipelineChecks.start({ id, taskId: task.id, command, sandboxed: confinement !== null, startedAt: now() });
        announce(publish('check.started', task, id) ?? null);
        const outcome = await run({ command, cwd: task.workspace.path, isolation, confinement, signal: controller.signal });
        store.pipelineChecks.finish(id, { ...outcome, finishedAt: now() });
        return publish('check.finished', task, id) ?? null;
      })().finally(() => {
        if (running.get(task.id)?.controller === controller) running.delete(task.id);
        announce(null);
      });
      running.set(task.id, { controller, done });
      void context.track(done);
      return { started, done };
    },

    /**
     * Resolves once the task's cancelled check has stopped (at once when none is stopping): a
     * run that ends right after it cancelled the check must not find that check still running.
     */
    async stopped(taskId: string): Promise<void> {
      const entry = running.get(taskId);
      if (entry?.controller.signal.aborted) await entry.done.catch(() => undefined);
    },

    /** Stops the task's running check, if any; it is recorded `cancelled` with `why`. */
    cancel(taskId: string, why: string): void {
      running.get(taskId)?.controller.abort(new Error(why));
    },

    /** Stops every running check (Braid closing) and waits for them to be recorded. */
    async close(): Promise<void> {
      const all = [...running.values()];
      for (const entry of all) entry.controller.abort(new Error('Braid stopped while the check ran.'));
      await Promise.allSettled(all.map((entry) => entry.done));
    },
  };
}

export type CheckRuns = ReturnType<typeof createCheckRuns>;
