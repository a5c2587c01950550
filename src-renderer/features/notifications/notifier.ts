import type { Bridge } from '../../bridge/bridge';
import type { NotificationPermission } from './notifications-store';

/** How notifications reach the user: natively through the desktop host, or the browser's Web Notifications API. */
export interface Notifier {
  permission(): NotificationPermission;
  /** Asks the browser (only from a click: browsers ignore it otherwise). */
  requestPermission(): Promise<NotificationPermission>;
  /** Raises one; `onClick` opens the task. False when it could not be shown. */
  show(taskId: string, text: { title: string; body: string }, onClick: () => void): Promise<boolean>;
  /** The count on the app's icon, where there is one. */
  setCount(count: number): void;
}

/** The desktop: the host shows Electron notifications; their clicks come back as `app.notificationClicked`. */
export function desktopNotifier(api: Bridge): Notifier {
  return {
    permission: () => 'desktop',
    requestPermission: async () => 'desktop',
    show: async (taskId, text) => (await api.invoke('app.notify', { taskId, title: text.title, body: text.body })).ok,
    setCount: (count) => void api.invoke('app.setAttentionCount', { count }),
  };
}

/** Web mode: the page's own notifications, once the user allowed them; the badge where the browser has one. */
export function webNotifier(): Notifier {
  const supported = typeof window !== 'undefined' && 'Notification' in window;
  const permission = (): NotificationPermission => (supported ? window.Notification.permission : 'unsupported');
  return {
    permission,
    requestPermission: async () => {
      if (!supported) return 'unsupported';
      return window.Notification.requestPermission();
    },
    show: async (taskId, text, onClick) => {
      if (permission() !== 'granted') return false;
      try {
        // One per task: a newer word on the same task replaces the older one.
        const notification = new window.Notification(text.title, { body: text.body, tag: `braid-task-${taskId}` });
        notification.onclick = () => {
          window.focus();
          notification.close();
          onClick();
        };
        return true;
      } catch {
        // Some browsers allow notifications only from a service worker (Android Chrome).
        return false;
      }
    },
    setCount: (count) => {
      const badge = navigator as Navigator & { setAppBadge?: (n: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
      void (count > 0 ? badge.setAppBadge?.(count) : badge.clearAppBadge?.())?.catch(() => {});
    },
  };
}
