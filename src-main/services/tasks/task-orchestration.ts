import { fail, ok, type Engine, type MethodOutput, type Result, type Task, type TaskRole } from '../../../src-shared/contract';
import type { DeleteTaskArgs } from '../workspaces/delete-workspace';
import { removalOf, workspaceSharing } from '../workspaces/shared-workspace';
import { deleteCheckpoints } from '../history/checkpoints';
import type { WorkspaceContext } from '../workspaces/context';
import type { CreatedTask, CreateTaskArgs } from './create-task';
import { createTaskService } from './task-service';

export interface TaskOrchestrationOptions {
  agents: {
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
  /** Workspace setup (`workspace-setup/`): it starts the agent once the workspace is set up. */
  setup: {
    /** Sets a ready worktree up (files, setup script); resolves with the task when setup has settled. */
    prepare(taskId: string): Promise<Task | undefined>;
    /** Stops a setup still running in the task's workspace (called only when the workspace goes). */
    stopTask(taskId: string): Promise<void>;
  };
  /**
   * A task given an external agent is refused when that agent is not installed
   * (`ENGINE_NOT_INSTALLED`) or cannot hand in what the task's role must (`ENGINE_CANNOT_TAKE_ROLE`).
   */
  engines?: { check(engine: Engine, role: TaskRole): Result<unknown> };
  /**
   * Checked before a task is stored: a prompt starting with a slash command must name one the
   * project has (`slash-commands/`); nothing is created otherwise.
   */
  checkPrompt?(projectId: string, prompt: string): Promise<Result<void>>;
}

export type TaskOrchestration = ReturnType<typeof createTaskOrchestration>;

/**
 * Tasks across the services that hold a part of them. Create: stored at once; once the worktree
 * is ready the workspace is set up, and the setup starts the agent with the prompt when it
 * succeeded (or was not needed). Delete (and archive, through `removing`): the agents of the
 * tasks that go, their services, terminals and, when the workspace goes, a running setup stopped
 * first (nothing may write into a worktree being removed), then the tasks and their workspace
 * (the archive script runs before the worktree goes), then their checkpoint refs and the
 * timeline's cached sequence.
 */
export function createTaskOrchestration(context: WorkspaceContext, options: TaskOrchestrationOptions) {
  const { store } = context;
  const tasks = createTaskService(context);

  /**
   * Removes tasks the one way (delete, archive): everything that goes (`removalOf`: the task, its
   * subagents' tasks and, confirmed, the tasks sharing its workspace) is stopped first, its agent,
   * services and terminals, so nothing writes into a worktree being removed; then `remove` runs;
   * then the removed tasks' checkpoint refs and cached timeline sequence go. A setup is the
   * workspace's: it is stopped only when the workspace goes, never for a review or a subagent's
   * task going alone (a Retry of the owner's setup goes on).
   */
  async function removing<T>(taskId: string, withSharedTasks: boolean, remove: () => Promise<Result<T>>): Promise<Result<T>> {
    const task = store.tasks.get(taskId);
    const going = task ? removalOf(workspaceSharing(store, task), withSharedTasks) : { taskIds: [], workspaceGoes: false };
    for (const id of going.taskIds) {
      await options.agents.stopAndWait(id);
      await Promise.all([options.commands.stopTask(id), options.terminals.stopTask(id)]);
    }
    if (going.workspaceGoes) await options.setup.stopTask(taskId);
    const project = task && store.projects.get(task.projectId);
    const removed = await remove();
    if (!removed.ok) return removed;
    for (const id of going.taskIds) {
      if (store.tasks.exists(id)) continue;
      // Checkpoint refs are private to the task: removed with it (best effort; the branch may already be gone).
      if (project) await deleteCheckpoints({ path: project.path, inRepoQueue: (operation) => context.inRepoQueue(project, operation) }, id);
      store.timeline.forget(id);
    }
    return removed;
  }

  /**
   * Once the worktree is ready, the workspace is set up; the setup starts the agent with the
   * task's prompt. Resolves with the task once its worktree and setup have settled.
   */
  const startWhenReady = (created: CreatedTask): Promise<Task> =>
    // Tracked, so closing waits for it instead of closing the database under it.
    context.track(
      created.settled.then(async (task) => (task.workspace.state === 'ready' ? ((await options.setup.prepare(task.id)) ?? task) : task)),
    );

  return {
    list: tasks.list,

    /** The stored task with its live facts (messages queued for its agent). */
    get(taskId: string): Task | undefined {
      const task = store.tasks.get(taskId);
      return task && context.decorateTask(task);
    },

    /** Returns once the task is stored (`creating`); `settled` resolves when git and the workspace setup are done. */
    async create(args: CreateTaskArgs): Promise<Result<CreatedTask>> {
      // A review's work is another task's workspace (`reviews.start`); a task of its own would review nothing.
      if (args.role === 'review') {
        return fail('INVALID_INPUT', 'A review reviews another task’s work, in that task’s workspace: open that task and choose Start review (or type /review in it).', { field: 'role' });
      }
      if (args.engine && options.engines) {
        const usable = options.engines.check(args.engine, args.role);
        if (!usable.ok) return usable;
      }
      if (options.checkPrompt && store.projects.get(args.projectId)) {
        const checked = await options.checkPrompt(args.projectId, args.prompt);
        if (!checked.ok) return checked;
      }
      const created = await tasks.create(args);
      if (!created.ok) return created;
      return ok({ task: created.data.task, settled: startWhenReady(created.data) });
    },

    /** A task stored elsewhere (the implement tasks of a plan): its workspace is set up and its agent starts like a created task's. */
    startWhenReady,

    /** Deletes the task with its subagents' tasks (and, confirmed, the tasks sharing its workspace), each stopped first. */
    delete: (args: DeleteTaskArgs): Promise<Result<MethodOutput<'tasks.delete'>>> => removing(args.taskId, args.withSharedTasks ?? false, () => tasks.delete(args)),

    /** Runs `remove` (an archive after a merge removes tasks too) the way a delete does: what goes stopped first, cleaned up after. */
    removing,
  };
}
