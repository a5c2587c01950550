/** What the desktop shell offers for notifications (U3); web mode has none (the page notifies itself). */
export interface DesktopNotifications {
  /** Shows a native notification; `onClick` when the user clicks it. */
  show(notification: { title: string; body: string }, onClick: () => void): void;
  /** The dock or taskbar count (0 clears it). */
  setBadgeCount(count: number): void;
}
