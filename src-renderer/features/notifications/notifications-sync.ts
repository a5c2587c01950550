import type { AppInfo, Task } from '../../../src-shared/contract';
import type { BridgeHandle } from '../../bridge/bridge';
import { useProjectsStore } from '../projects/projects-store';
import { useSelectionStore } from '../selection/selection-store';
import { useTasksStore } from '../tasks/tasks-store';
import { attentionFor, attentionText } from './attention';
import { desktopNotifier, webNotifier, type Notifier } from './notifier';
import { useNotificationsStore } from './notifications-store';

let notifier: Notifier | null = null;

/** Opens a task the user was told about. */
export function openNotifiedTask(taskId: string): void {
  const task = useTasksStore.getState().byId[taskId];
  if (task) useSelectionStore.getState().selectTask(task.projectId, taskId);
}

/** Asks the browser for permission (from a click); the store follows the answer. */
export async function allowNotifications(): Promise<void> {
  if (!notifier) return;
  useNotificationsStore.getState().setPermission(await notifier.requestPermission());
}

/** The task is what the user is looking at: selected, not behind DiffLens, in a visible, focused window. */
function onScreen(taskId: string): boolean {
  const selection = useSelectionStore.getState();
  return selection.selectedTaskId === taskId && !selection.reviewing && document.visibilityState === 'visible' && document.hasFocus();
}

const baseTitle = typeof document !== 'undefined' ? document.title : 'Braid';

/**
 * Notifications (U3): watches task statuses; when a task finishes, fails, needs approval, asks a
 * question or has a plan awaiting approval while it is not on screen, it counts as unseen (the
 * count badge, the window title and the app icon) and the system is asked to show it. Opening
 * the task marks it seen. `appInfo` says which notifier: the desktop's or the browser's.
 */
export function syncNotifications(handle: BridgeHandle, appInfo: () => AppInfo | null, onInfo: (listener: () => void) => void): void {
  const { api } = handle;
  const chooseNotifier = () => {
    const info = appInfo();
    if (!info || notifier) return;
    notifier = info.mode === 'desktop' ? desktopNotifier(api) : webNotifier();
    useNotificationsStore.getState().setPermission(notifier.permission());
  };
  chooseNotifier();
  onInfo(chooseNotifier);

  api.on('app.notificationClicked', ({ taskId }) => openNotifiedTask(taskId));

  const raise = (task: Task, before: Task['agent']['status'] | undefined) => {
    const kind = attentionFor(before, task.agent.status);
    if (!kind || onScreen(task.id)) return;
    useNotificationsStore.getState().add({ taskId: task.id, kind, at: Date.now() });
    const projectName = useProjectsStore.getState().byId[task.projectId]?.name ?? null;
    void notifier?.show(task.id, attentionText(kind, task, projectName), () => openNotifiedTask(task.id)).then((shown) => {
      if (shown) useNotificationsStore.getState().countRaised();
    });
  };

  useTasksStore.subscribe((state, previous) => {
    if (state.byId === previous.byId) return;
    for (const [id, task] of Object.entries(state.byId)) {
      const before = previous.byId[id];
      if (before !== task) raise(task, before?.agent.status);
    }
    const gone = Object.keys(useNotificationsStore.getState().unseen).filter((id) => !state.byId[id]);
    if (gone.length > 0) useNotificationsStore.getState().forget(gone);
  });

  const markSelectedSeen = () => {
    const { selectedTaskId } = useSelectionStore.getState();
    if (selectedTaskId && onScreen(selectedTaskId)) useNotificationsStore.getState().seen(selectedTaskId);
  };
  useSelectionStore.subscribe(markSelectedSeen);
  window.addEventListener('focus', markSelectedSeen);
  document.addEventListener('visibilitychange', markSelectedSeen);

  useNotificationsStore.subscribe((state, previous) => {
    if (state.unseen === previous.unseen) return;
    const count = Object.keys(state.unseen).length;
    document.title = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
    notifier?.setCount(count);
  });
}
