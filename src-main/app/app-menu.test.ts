import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildAppMenuTemplate } from './app-menu';

function roles(template: MenuItemConstructorOptions[]): string[] {
  const found: string[] = [];
  const walk = (items: MenuItemConstructorOptions[]) => {
    for (const item of items) {
      if (item.role) found.push(item.role);
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(template);
  return found;
}

function item(template: MenuItemConstructorOptions[], menu: string, label: string): MenuItemConstructorOptions | undefined {
  const submenu = template.find((entry) => entry.label === menu)?.submenu;
  return Array.isArray(submenu) ? submenu.find((entry) => entry.label === label) : undefined;
}

const base = { appName: 'Braid', developer: false, onNewTask: () => {} };

describe('buildAppMenuTemplate', () => {
  it('has the standard menus on Linux and Windows, and the app menu first on macOS', () => {
    expect(buildAppMenuTemplate({ ...base, platform: 'linux' }).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(buildAppMenuTemplate({ ...base, platform: 'darwin' }).map((m) => m.label)).toEqual([
      'Braid',
      'File',
      'Edit',
      'View',
      'Window',
      'Help',
    ]);
  });

  it('offers no reload or DevTools to users, only to developers', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const production = roles(buildAppMenuTemplate({ ...base, platform }));
      expect(production).not.toContain('toggleDevTools');
      expect(production).not.toContain('reload');
      expect(production).not.toContain('forceReload');
      const developer = roles(buildAppMenuTemplate({ ...base, platform, developer: true }));
      expect(developer).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
    }
  });

  it('keeps editing, zoom and full screen available everywhere', () => {
    const all = roles(buildAppMenuTemplate({ ...base, platform: 'linux' }));
    expect(all).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'quit']));
  });

  it('New Task asks the UI, showing Ctrl+N without stealing the key from the page', () => {
    let asked = 0;
    const linux = buildAppMenuTemplate({ ...base, platform: 'linux', onNewTask: () => asked++ });
    const newTask = item(linux, 'File', 'New Task')!;
    expect(newTask).toMatchObject({ accelerator: 'CmdOrCtrl+N', registerAccelerator: false });
    (newTask.click as () => void)();
    expect(asked).toBe(1);

    const mac = item(buildAppMenuTemplate({ ...base, platform: 'darwin' }), 'File', 'New Task')!;
    expect(mac.accelerator).toBeUndefined();
  });
});
