import { describe, expect, it } from 'vitest';
import { notificationHandlers } from './notification-handlers';
import type { DesktopNotifications } from '../desktop-notifications';

describe('notification handlers', () => {
  it('in web mode refuse with UNSUPPORTED (the page notifies itself)', async () => {
    const handlers = notificationHandlers(undefined, () => {});
    expect(await handlers['app.notify']({ taskId: 't1', title: 'Done', body: '' })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await handlers['app.setAttentionCount']({ count: 2 })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
  });

  it('on the desktop (a stand-in for Electron, which cannot launch here) show it, and a click names the task', async () => {
    const shown: { title: string; body: string; click(): void }[] = [];
    const counts: number[] = [];
    const desktop: DesktopNotifications = { show: (n, onClick) => shown.push({ ...n, click: onClick }), setBadgeCount: (count) => counts.push(count) };
    const clicked: string[] = [];
    const handlers = notificationHandlers(desktop, (taskId) => clicked.push(taskId));
    expect(await handlers['app.notify']({ taskId: 't1', title: 'Fix login needs your approval', body: 'In shop' })).toEqual({ ok: true, data: { shown: true } });
    expect(await handlers['app.setAttentionCount']({ count: 3 })).toEqual({ ok: true, data: { set: true } });
    shown[0]!.click();
    expect(clicked).toEqual(['t1']);
    expect(counts).toEqual([3]);
    expect(shown[0]).toMatchObject({ title: 'Fix login needs your approval', body: 'In shop' });
  });
});
