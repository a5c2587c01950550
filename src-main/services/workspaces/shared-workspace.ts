import { fail, isBusyStatus, type Fail, type SharingTask, type Task } from '../../../src-shared/contract';
import { ownsItsWorkspace, workspaceOwnerOf as sharedOwnerRule } from '../../../src-shared/workspaces/workspace-owner';
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
  /** The task is a sharer (a review or a subagent's task, working for another task there): removing it leaves the workspace. */
  isSharer: boolean;
}

export function workspaceSharing(store: Pick<Store, 'tasks'>, task: Task): WorkspaceSharing {
  const family = store.tasks.listDescendants(task.id);
  const inFamily = new Set([task.id, ...family.map((member) => member.id)]);
  const others = store.tasks.listByWorkspace(task.workspace.id).filter((other) => !inFamily.has(other.id));
  // A review task whose reviewed task is gone owns what is left of the workspace: it goes like an owner.
  const isSharer = !ownsItsWorkspace(task) && others.length > 0;
  return { task, family, others, isSharer };
}

/**
 * The task a task's workspace was made for, whose work it holds (the shared rule,
 * `src-shared/workspaces/workspace-owner.ts`): a subagent's task (at any depth) works for its
 * top parent, a review task for its reviewed task. Undefined when that task is gone. A merge, an
 * archive, a queue entry, a review or its gate asked from any task on the workspace is its owner's.
 */
export function workspaceOwnerOf(store: Pick<Store, 'tasks'>, task: Task): Task | undefined {
  return sharedOwnerRule(task, (taskId) => store.tasks.get(taskId));
}

/**
 * A task whose run is under way in `task`'s workspace, if any: the workspace's owner (the owner
 * rule) and every task working in it for the owner, its reviews and its subagents' tasks, run
 * in the same worktree, so any of them makes the workspace busy. The oldest first.
 */
export function busyOnWorkspace(store: Pick<Store, 'tasks'>, task: Task): Task | undefined {
  const owner = workspaceOwnerOf(store, task) ?? task;
  return store.tasks.listByWorkspace(owner.workspace.id).find((other) => isBusyStatus(other.agent.status));
}

/** What removing a task takes: the tasks that go (in the order they are stopped) and whether the workspace goes with them. */
export interface Removal {
  taskIds: string[];
  workspaceGoes: boolean;
}

/**
 * What deleting or archiving `sharing.task` removes: a sharer goes with its own subagents and
 * leaves the workspace; the owner takes its subagents and, once confirmed (`withSharedTasks`),
 * every other task on the workspace. Nothing when the removal is to be refused for its sharers
 * (`WORKSPACE_SHARED`), so nothing is stopped for it. The task comes first: stopping it stops
 * the subagents it waits for.
 */
export function removalOf(sharing: WorkspaceSharing, withSharedTasks: boolean): Removal {
  const own = [sharing.task.id, ...sharing.family.map((member) => member.id)];
  if (sharing.isSharer) return { taskIds: own, workspaceGoes: false };
  if (sharing.others.length > 0 && !withSharedTasks) return { taskIds: [], workspaceGoes: false };
  return { taskIds: [...own, ...sharing.others.map((other) => other.id)], workspaceGoes: true };
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
