import type { Engine, Result, Task } from '../../../src-shared/contract';
import type { DeleteTaskArgs } from '../workspaces/delete-workspace';
import { workspaceSharing } from '../workspaces/shared-workspace';
import { deleteCheckpoints } from '../history/checkpoints';
import type { WorkspaceContext } from '../workspaces/context';
import type { CreatedTask, CreateTaskArgs } from './create-task';
import { createTaskService } from './task-service';

export interface TaskOrchestrationOptions {
  agents: {
    /** Starts a new task's first run with its prompt (when it has one and a model is set up). */
    startWithPrompt(taskId: string): Promise<void>;
    /** Stops a run if one is going and resolves once it has ended. */
    stopAndWait(taskId: string): Promise<void>;
  };
  commands: {
    /** Stops the task's long-lived services and everything they started. */
    stopTask(taskId: string): Promise<void>;
  };
  terminals: {
    /** Stops the task's terminals' process trees and forgets the terminals. */
    stopTask(taskId: string): Promise<void>;
  };
  /** Start a new task's agent with its prompt as soon as the worktree is ready. */
  autoStart: boolean;
  /** A task given an external agent is refused when that agent is not installed (`ENGINE_NOT_INSTALLED`). */
  engines?: { check(engine: Engine): Result<unknown> };
  /**
   * Checked before a task is stored: a prompt starting with a slash command must name one the
   * project has (`slash-commands/`); nothing is created otherwise.
   */
  checkPrompt?(projectId: string, prompt: string): Promise<Result<void>>;
}

export type TaskOrchestration = ReturnType<typeof createTaskOrchestration>;

/**
 * Tasks across the services that hold a part of them. Create: stored at once, the agent
 * started with the prompt once the worktree is ready. Delete: the agent stopped, its services
 * and terminals stopped first (nothing may write into a worktree being removed), then the task
 * and its workspace, then its checkpoint refs and the timeline's cached sequence.
 */
export function createTaskOrchestration(context: WorkspaceContext, options: TaskOrchestrationOptions) {
  const { store } = context;
  const tasks = createTaskService(context);

  /** The agent starts with the task's prompt once the worktree is ready (when auto start is on). */
  const startWhenReady = (created: CreatedTask): void => {
    if (!options.autoStart) return;
    // Tracked, so closing waits for it instead of closing the database under it.
    void context.track(
      created.settled.then(async (task) => {
        if (task.workspace.state === 'ready') await options.agents.startWithPrompt(task.id);
      }),
    );
  };

  return {
    list: tasks.list,

    /** The stored task with its live facts (messages queued for its agent). */
    get(taskId: string): Task | undefined {
      const task = store.tasks.get(taskId);
      return task && context.decorateTask(task);
    },

    /** Returns once the task is stored (`creating`); `settled` resolves when git is done. */
    async create(args: CreateTaskArgs): Promise<Result<CreatedTask>> {
      if (args.engine && options.engines) {
        const usable = options.engines.check(args.engine);
        if (!usable.ok) return usable;
      }
      if (options.checkPrompt && store.projects.get(args.projectId)) {
        const checked = await options.checkPrompt(args.projectId, args.prompt);
        if (!checked.ok) return checked;
      }
      const created = await tasks.create(args);
      if (created.ok) startWhenReady(created.data);
      return created;
    },

    /** A task stored elsewhere (the implement tasks of a plan): its agent starts like a created task's. */
    startWhenReady,

    /** Deletes the task with its subagents' tasks (and, confirmed, the tasks sharing its workspace), each stopped first. */
    async delete(args: DeleteTaskArgs): Promise<Result<{ deleted: true }>> {
      const task = store.tasks.get(args.taskId);
      // The tasks sharing its workspace go with the owner once the user confirmed (`withSharedTasks`): stopped first too.
      const sharing = task && workspaceSharing(store, task);
      // The task first: stopping it stops the subagents it waits for.
      const going = [
        args.taskId,
        ...(sharing ? sharing.family.map((member) => member.id) : []),
        ...(sharing && !sharing.isSharer && args.withSharedTasks ? sharing.others.map((other) => other.id) : []),
      ];
      for (const taskId of going) {
        await options.agents.stopAndWait(taskId);
        await Promise.all([options.commands.stopTask(taskId), options.terminals.stopTask(taskId)]);
      }
      const project = task && store.projects.get(task.projectId);
      const deleted = await tasks.delete(args);
      if (!deleted.ok) return deleted;
      for (const taskId of going) {
        if (store.tasks.exists(taskId)) continue;
        // Checkpoint refs are private to the task: removed with it (best effort; the branch may already be gone).
        if (project) await deleteCheckpoints({ path: project.path, inRepoQueue: (operation) => context.inRepoQueue(project, operation) }, taskId);
        store.timeline.forget(taskId);
      }
      return deleted;
    },
  };
}
