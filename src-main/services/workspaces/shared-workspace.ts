import { fail, type Fail, type SharingTask, type Task } from '../../../src-shared/contract';
import type { Store } from '../store/store';

/**
 * Who is on a task's workspace (W5). The workspace's owner is the task it was made for; review
 * tasks work in the same worktree (no copy), each naming the task it reviews, and so do the
 * subagents' tasks a task started (R5), which always go with it. Deleting or archiving the owner
 * takes its sharers with it, so the user must be told who they are first; a sharer (a review
 * task, or a subagent's task) goes alone, with its own subagents, and the workspace stays.
 */
export interface WorkspaceSharing {
  /** The task being deleted or archived. */
  task: Task;
  /** The task's subagents' tasks (all levels, deepest first): they go with it, unasked. */
  family: Task[];
  /** Every other task on the workspace, oldest first. */
  others: Task[];
  /** The task is a sharer (it reviews another task on the workspace): removing it leaves the workspace. */
  isSharer: boolean;
}

export function workspaceSharing(store: Pick<Store, 'tasks'>, task: Task): WorkspaceSharing {
  const family = store.tasks.listDescendants(task.id);
  const inFamily = new Set([task.id, ...family.map((member) => member.id)]);
  const others = store.tasks.listByWorkspace(task.workspace.id).filter((other) => !inFamily.has(other.id));
  // A review task whose reviewed task is gone owns what is left of the workspace: it goes like an owner.
  const isSharer = (task.reviewedTaskId !== null || task.parentTaskId !== null) && others.length > 0;
  return { task, family, others, isSharer };
}

/**
 * The task a workspace was made for: a review task's reviewed task (whose work it is), else the
 * task itself. Undefined when the reviewed task is gone.
 */
export function workspaceOwnerOf(store: Pick<Store, 'tasks'>, task: Task): Task | undefined {
  return task.reviewedTaskId === null ? task : store.tasks.get(task.reviewedTaskId);
}

/** `WORKSPACE_SHARED`: removing `task`'s workspace would take `others` with it; the user confirms with `withSharedTasks`. */
export function sharedWorkspaceRefusal(task: Task, others: readonly Task[], action: 'Deleting' | 'Archiving'): Fail {
  const names = others.map((other) => `“${other.title}”`).join(', ');
  const count = others.length === 1 ? 'another task' : `${others.length} other tasks`;
  return fail(
    'WORKSPACE_SHARED',
    `“${task.title}” shares its workspace with ${count} (${names}). ${action} it removes ${others.length === 1 ? 'that task' : 'those tasks'} too.`,
    { tasks: others.map((other): SharingTask => ({ id: other.id, title: other.title, role: other.role })) },
  );
}
