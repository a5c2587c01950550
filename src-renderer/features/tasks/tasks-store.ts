import { create } from 'zustand';
import type { Task } from '../../../src-shared/contract';
import { workspaceOwnerOf } from '../../../src-shared/workspaces/workspace-owner';

interface TasksState {
  byId: Record<string, Task>;
  /** Per project, oldest first (subagents' tasks included). An array is replaced only when membership changes. */
  idsByProject: Record<string, string[]>;
  /** Per project, its tasks that are not a subagent's (the sidebar's top level), oldest first; replaced like `idsByProject`. */
  rootIdsByProject: Record<string, string[]>;
  /** Per task, its subagents' tasks, oldest first; only tasks that have some. */
  childIdsByParent: Record<string, string[]>;
  /** From events: the host's latest word on a task. */
  upsert(task: Task): void;
  /** From a command's own answer, which may be older than an event that already arrived. */
  insertIfAbsent(task: Task): void;
  remove(taskId: string): void;
  replaceProject(projectId: string, tasks: Task[]): void;
  forgetProjects(projectIds: readonly string[]): void;
}

const noTasks: string[] = [];

function idsOf(byId: Record<string, Task>, projectId: string): string[] {
  return Object.values(byId)
    .filter((t) => t.projectId === projectId)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
    .map((t) => t.id);
}

const sameIds = (a: readonly string[] | undefined, b: readonly string[]) => a !== undefined && a.length === b.length && a.every((id, index) => id === b[index]);

/**
 * The task lists of `projectIds` after their membership changed: every project's ids, its top
 * level, and each task's subagents. An unchanged list keeps its array, so only the parts of
 * the sidebar whose tasks came or went re-render.
 */
function listsFor(state: Pick<TasksState, 'idsByProject' | 'rootIdsByProject' | 'childIdsByParent'>, byId: Record<string, Task>, projectIds: readonly string[]) {
  const idsByProject = { ...state.idsByProject };
  const rootIdsByProject = { ...state.rootIdsByProject };
  const childIdsByParent = { ...state.childIdsByParent };
  for (const projectId of projectIds) {
    const ids = idsOf(byId, projectId);
    const roots = ids.filter((id) => !byId[id]!.parentTaskId || !byId[byId[id]!.parentTaskId!]);
    for (const [parentId, children] of Object.entries(childIdsByParent)) if (children.some((id) => !byId[id] || byId[id]!.projectId === projectId)) delete childIdsByParent[parentId];
    const children: Record<string, string[]> = {};
    for (const id of ids) {
      const parentId = byId[id]!.parentTaskId;
      if (parentId && byId[parentId]) (children[parentId] ??= []).push(id);
    }
    for (const [parentId, list] of Object.entries(children)) childIdsByParent[parentId] = sameIds(state.childIdsByParent[parentId], list) ? state.childIdsByParent[parentId]! : list;
    idsByProject[projectId] = sameIds(state.idsByProject[projectId], ids) ? state.idsByProject[projectId]! : ids;
    rootIdsByProject[projectId] = sameIds(state.rootIdsByProject[projectId], roots) ? state.rootIdsByProject[projectId]! : roots;
    if (ids.length === 0) {
      delete idsByProject[projectId];
      delete rootIdsByProject[projectId];
    }
  }
  return { idsByProject, rootIdsByProject, childIdsByParent };
}

export const useTasksStore = create<TasksState>()((set, get) => ({
  byId: {},
  idsByProject: {},
  rootIdsByProject: {},
  childIdsByParent: {},
  upsert: (task) =>
    set((state) => {
      const known = state.byId[task.id];
      const byId = { ...state.byId, [task.id]: task };
      if (known && known.projectId === task.projectId) return { byId };
      return { byId, ...listsFor(state, byId, known ? [task.projectId, known.projectId] : [task.projectId]) };
    }),
  insertIfAbsent: (task) => {
    if (!get().byId[task.id]) get().upsert(task);
  },
  remove: (taskId) =>
    set((state) => {
      const known = state.byId[taskId];
      if (!known) return state;
      const { [taskId]: _removed, ...byId } = state.byId;
      const lists = listsFor(state, byId, [known.projectId]);
      // An emptied project keeps an empty list (the sidebar shows none), as before.
      return { byId, ...lists, idsByProject: { ...lists.idsByProject, [known.projectId]: lists.idsByProject[known.projectId] ?? [] } };
    }),
  replaceProject: (projectId, tasks) =>
    set((state) => {
      const byId = Object.fromEntries(Object.entries(state.byId).filter(([, t]) => t.projectId !== projectId));
      for (const task of tasks) byId[task.id] = task;
      const lists = listsFor(state, byId, [projectId]);
      return { byId, ...lists, idsByProject: { ...lists.idsByProject, [projectId]: lists.idsByProject[projectId] ?? [] } };
    }),
  forgetProjects: (projectIds) =>
    set((state) => {
      const gone = new Set(projectIds);
      const byId = Object.fromEntries(Object.entries(state.byId).filter(([, t]) => !gone.has(t.projectId)));
      const keep = ([id]: [string, unknown]) => !gone.has(id);
      const idsByProject = Object.fromEntries(Object.entries(state.idsByProject).filter(keep));
      const rootIdsByProject = Object.fromEntries(Object.entries(state.rootIdsByProject).filter(keep));
      const childIdsByParent = Object.fromEntries(Object.entries(state.childIdsByParent).filter(([parentId]) => byId[parentId] !== undefined));
      return { byId, idsByProject, rootIdsByProject, childIdsByParent };
    }),
}));

/** One task; components re-render only when this task changes. */
export const useTask = (taskId: string | null) => useTasksStore((s) => (taskId ? s.byId[taskId] : undefined));
export const useTaskIds = (projectId: string) => useTasksStore((s) => s.idsByProject[projectId] ?? noTasks);
/** The project's tasks that are not a subagent's: the sidebar's top level. */
export const useRootTaskIds = (projectId: string) => useTasksStore((s) => s.rootIdsByProject[projectId] ?? noTasks);
/** A task's subagents' tasks, oldest first. */
export const useChildTaskIds = (taskId: string) => useTasksStore((s) => s.childIdsByParent[taskId] ?? noTasks);

/**
 * The task whose workspace `taskId` works in (the shared owner rule): a subagent's task's top
 * parent, a review task's reviewed task, else the task itself (also while those are not loaded).
 * Merges, the merge queue, reviews and DiffLens act on it.
 */
export function workspaceOwnerIdIn(byId: Readonly<Record<string, Task>>, taskId: string): string {
  const task = byId[taskId];
  return (task && workspaceOwnerOf(task, (id) => byId[id])?.id) ?? taskId;
}

/** `workspaceOwnerIdIn` as a selector: re-renders only when the owner's id changes. */
export const useWorkspaceOwnerId = (taskId: string) => useTasksStore((s) => workspaceOwnerIdIn(s.byId, taskId));
