import { app, Notification, type BrowserWindow } from 'electron';
import type { DesktopNotifications } from '../host/desktop-notifications';

/**
 * Native notifications through Electron's main process (the page itself is refused the
 * notifications permission). A click brings the window forward before the task opens.
 */
export function electronNotifications(window: () => BrowserWindow | null): DesktopNotifications {
  // Kept referenced until closed: a garbage-collected Notification loses its click handler.
  const shown = new Set<Notification>();
  return {
    show({ title, body }, onClick) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body, silent: false });
      shown.add(notification);
      notification.on('click', () => {
        const target = window();
        if (target && !target.isDestroyed()) {
          if (target.isMinimized()) target.restore();
          target.show();
          target.focus();
        }
        onClick();
      });
      notification.on('close', () => shown.delete(notification));
      notification.show();
    },
    setBadgeCount(count) {
      // macOS dock and Linux Unity launchers; elsewhere a no-op, as Electron documents.
      app.setBadgeCount(count);
    },
  };
}
