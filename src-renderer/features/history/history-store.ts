import { create } from 'zustand';
import type { MethodOutput } from '../../../src-shared/contract';
import type { Bridge } from '../../bridge/bridge';

export type WorkspaceHistory = MethodOutput<'history.log'>;
export type Checkpoint = MethodOutput<'history.checkpoints'>[number];

export interface TaskHistory {
  log: WorkspaceHistory | null;
  logError: string | null;
  /** Oldest first, as the host lists them. */
  checkpoints: Checkpoint[] | null;
  checkpointsError: string | null;
  loading: boolean;
}

interface HistoryState {
  byTask: Record<string, TaskHistory>;
  patch(taskId: string, patch: Partial<TaskHistory>): void;
  forget(taskId: string): void;
}

const empty: TaskHistory = { log: null, logError: null, checkpoints: null, checkpointsError: null, loading: false };

/** Each open task's commits since its base and its per-turn checkpoints. */
export const useHistoryStore = create<HistoryState>()((set) => ({
  byTask: {},
  patch: (taskId, patch) => set((state) => ({ byTask: { ...state.byTask, [taskId]: { ...(state.byTask[taskId] ?? empty), ...patch } } })),
  forget: (taskId) =>
    set((state) => {
      const { [taskId]: _gone, ...byTask } = state.byTask;
      return { byTask };
    }),
}));

export const useTaskHistory = (taskId: string): TaskHistory => useHistoryStore((s) => s.byTask[taskId] ?? empty);

/** Newer loads win: an answer to an older request that arrives late is dropped. */
const latestLoad = new Map<string, number>();

/** Loads both the log and the checkpoints; a failure of one keeps the other. */
export async function loadHistory(api: Bridge, taskId: string): Promise<void> {
  const ticket = (latestLoad.get(taskId) ?? 0) + 1;
  latestLoad.set(taskId, ticket);
  const store = useHistoryStore.getState();
  store.patch(taskId, { loading: true });
  const [log, checkpoints] = await Promise.all([api.invoke('history.log', { taskId }), api.invoke('history.checkpoints', { taskId })]);
  if (latestLoad.get(taskId) !== ticket) return;
  store.patch(taskId, {
    loading: false,
    ...(log.ok ? { log: log.data, logError: null } : { logError: log.error.message }),
    ...(checkpoints.ok ? { checkpoints: checkpoints.data, checkpointsError: null } : { checkpointsError: checkpoints.error.message }),
  });
}
