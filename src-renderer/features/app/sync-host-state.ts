import type { Project } from '../../../src-shared/contract';
import type { Bridge, BridgeHandle } from '../../bridge/bridge';
import { onReconnected } from '../../bridge/on-reconnected';
import { useProjectsStore } from '../projects/projects-store';
import { useTasksStore } from '../tasks/tasks-store';
import { useOrphansStore } from '../workspace/orphans-store';
import { useSelectionStore } from '../selection/selection-store';
import { useAppStore } from './app-store';

async function loadProjectDetails(api: Bridge, projectId: string): Promise<void> {
  const [tasks, orphans] = await Promise.all([
    api.invoke('tasks.list', { projectId }),
    api.invoke('workspaces.orphans', { projectId }),
  ]);
  if (tasks.ok) useTasksStore.getState().replaceProject(projectId, tasks.data);
  if (orphans.ok) useOrphansStore.getState().setForProject(projectId, orphans.data);
}

/** Applies a full project list; loads details for projects not seen before, forgets removed ones. */
function applyProjects(api: Bridge, projects: Project[], reloadAll: boolean): Promise<void> {
  const known = new Set(useProjectsStore.getState().ids);
  const present = new Set(projects.map((p) => p.id));
  const removed = [...known].filter((id) => !present.has(id));
  useProjectsStore.getState().replaceAll(projects);
  if (removed.length > 0) {
    useTasksStore.getState().forgetProjects(removed);
    useOrphansStore.getState().forgetProjects(removed);
  }

  const selection = useSelectionStore.getState();
  if (selection.selectedProjectId === null || !present.has(selection.selectedProjectId)) {
    selection.selectProject(projects[0]?.id ?? null);
  }
  const toLoad = projects.filter((p) => reloadAll || !known.has(p.id));
  return Promise.all(toLoad.map((p) => loadProjectDetails(api, p.id))).then(() => {});
}

async function loadEverything(api: Bridge): Promise<void> {
  const [info, projects, storage] = await Promise.all([api.invoke('app.info', {}), api.invoke('projects.list', {}), api.invoke('app.storageTrouble', {})]);
  if (info.ok) useAppStore.getState().setInfo(info.data);
  if (storage.ok) useAppStore.getState().setStorageTrouble(storage.data.trouble);
  if (!projects.ok) {
    useAppStore.getState().setLoadError(projects.error.message);
    return;
  }
  useAppStore.getState().setLoadError(null);
  await applyProjects(api, projects.data, true);
}

/**
 * Keeps the feature stores in step with the host: a full load at start and after every
 * reconnect (events may have been missed meanwhile), and events in between.
 */
export function syncHostState({ api, connection }: BridgeHandle): () => void {
  const unsubscribers = [
    api.on('projects.changed', ({ projects }) => void applyProjects(api, projects, false)),
    api.on('app.storageTrouble', ({ trouble }) => useAppStore.getState().setStorageTrouble(trouble)),
    api.on('tasks.changed', ({ task }) => useTasksStore.getState().upsert(task)),
    api.on('tasks.removed', ({ projectId, taskId }) => {
      useTasksStore.getState().remove(taskId);
      const selection = useSelectionStore.getState();
      // The task's view goes with it; someone reviewing (e.g. after archiving it) stays in DiffLens.
      if (selection.selectedTaskId === taskId) {
        if (selection.reviewing) selection.openReview(projectId, null);
        else selection.selectProject(projectId);
      }
    }),
    api.on('workspaces.orphansChanged', ({ projectId, orphans }) =>
      useOrphansStore.getState().setForProject(projectId, orphans),
    ),
  ];

  // Web mode queues calls until the socket opens, so loading can start right away.
  if (connection.current() !== 'unauthorized') void loadEverything(api);
  unsubscribers.push(onReconnected(connection, () => void loadEverything(api)));

  return () => unsubscribers.forEach((off) => off());
}
