import { create } from 'zustand';
import type { Task } from '../../../src-shared/contract';

interface TasksState {
  byId: Record<string, Task>;
  /** Per project, oldest first. An array is replaced only when membership changes. */
  idsByProject: Record<string, string[]>;
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

export const useTasksStore = create<TasksState>()((set, get) => ({
  byId: {},
  idsByProject: {},
  upsert: (task) =>
    set((state) => {
      const known = state.byId[task.id];
      const byId = { ...state.byId, [task.id]: task };
      if (known && known.projectId === task.projectId) return { byId };
      const idsByProject = { ...state.idsByProject, [task.projectId]: idsOf(byId, task.projectId) };
      if (known) idsByProject[known.projectId] = idsOf(byId, known.projectId);
      return { byId, idsByProject };
    }),
  insertIfAbsent: (task) => {
    if (!get().byId[task.id]) get().upsert(task);
  },
  remove: (taskId) =>
    set((state) => {
      const known = state.byId[taskId];
      if (!known) return state;
      const { [taskId]: _removed, ...byId } = state.byId;
      return { byId, idsByProject: { ...state.idsByProject, [known.projectId]: idsOf(byId, known.projectId) } };
    }),
  replaceProject: (projectId, tasks) =>
    set((state) => {
      const byId = Object.fromEntries(Object.entries(state.byId).filter(([, t]) => t.projectId !== projectId));
      for (const task of tasks) byId[task.id] = task;
      return { byId, idsByProject: { ...state.idsByProject, [projectId]: idsOf(byId, projectId) } };
    }),
  forgetProjects: (projectIds) =>
    set((state) => {
      const gone = new Set(projectIds);
      const byId = Object.fromEntries(Object.entries(state.byId).filter(([, t]) => !gone.has(t.projectId)));
      const idsByProject = Object.fromEntries(Object.entries(state.idsByProject).filter(([id]) => !gone.has(id)));
      return { byId, idsByProject };
    }),
}));

/** One task; components re-render only when this task changes. */
export const useTask = (taskId: string | null) => useTasksStore((s) => (taskId ? s.byId[taskId] : undefined));
export const useTaskIds = (projectId: string) => useTasksStore((s) => s.idsByProject[projectId] ?? noTasks);
