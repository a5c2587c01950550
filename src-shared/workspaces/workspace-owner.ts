import type { Task } from '../contract/domain';

/** What the owner rule reads of a task: its links to the task it works for. */
export type OwnerLinks = Pick<Task, 'id' | 'reviewedTaskId' | 'parentTaskId'>;

/**
 * Links followed at most: a subagent nests 3 deep under a task that may be a review of another
 * task. A chain longer than this (a corrupt row pointing back at itself) has no owner.
 */
const maxLinks = 8;

/** Whether the task is the one its workspace was made for: neither a subagent's task nor a review. */
export const ownsItsWorkspace = (task: OwnerLinks): boolean => task.parentTaskId === null && task.reviewedTaskId === null;

/**
 * The task a shared workspace (W5) was made for, whose work it holds: a subagent's task works
 * for its parent (up to its top parent, at any depth), a review task for the task it reviews;
 * the owner is where those links end. Merges, the merge queue, the review gate, reviews,
 * DiffLens and the task view all ask it, so a request from any task on a workspace acts on its
 * owner's work. Pure, shared by the host (`get` reads the store) and the renderer (its task
 * store). Undefined when a task on the way is gone.
 */
export function workspaceOwnerOf<T extends OwnerLinks>(task: T, get: (taskId: string) => T | undefined): T | undefined {
  let current: T | undefined = task;
  for (let links = 0; current && links <= maxLinks; links++) {
    const next: string | null = current.parentTaskId ?? current.reviewedTaskId;
    if (next === null) return current;
    current = get(next);
  }
  return undefined;
}
