import { fail, ok } from '../../../src-shared/contract';
import type { HandlerTable } from '../dispatch';
import type { DesktopNotifications } from '../desktop-notifications';

type NotificationMethods = 'app.notify' | 'app.setAttentionCount';

const webMode = () => fail('UNSUPPORTED', 'Native notifications are shown by the desktop app; in a browser, Braid uses the page’s notifications.');

/** Native notifications and the icon's count, when the desktop shell provides them; a click opens the task. */
export function notificationHandlers(
  notifications: DesktopNotifications | undefined,
  clicked: (taskId: string) => void,
): Pick<HandlerTable, NotificationMethods> {
  return {
    'app.notify': (input) => {
      if (!notifications) return webMode();
      notifications.show({ title: input.title, body: input.body }, () => clicked(input.taskId));
      return ok({ shown: true as const });
    },
    'app.setAttentionCount': (input) => {
      if (!notifications) return webMode();
      notifications.setBadgeCount(input.count);
      return ok({ set: true as const });
    },
  };
}
