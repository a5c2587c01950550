import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { createHost, type Host } from '../host/create-host';
import { buildAppMenuTemplate } from './app-menu';
import { electronNotifications } from './electron-notifications';
import { appScheme } from './app-origin';
import { appSchemePrivileges, createAppRequestHandler } from './app-protocol';
import { registerIpcTransport } from './ipc-transport';
import { createSafeStorageSecretStore } from './safe-storage-secrets';
import { openMainWindow } from './main-window';
import { guardWebContents } from './navigation-guards';
import { hardenSession } from './session-permissions';
import { windowStateFileName } from './window-state';

/**
 * The desktop shell: Electron glue only. Every security decision lives in a tested pure
 * module next to this file; this one just wires them to Electron's objects.
 */

const log = (line: string): void => console.error(line);
// electron-vite sets ELECTRON_RENDERER_URL for `electron-vite dev`; a packaged app never trusts it.
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
const developer = !app.isPackaged;
const rendererRoot = fileURLToPath(new URL('../renderer', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
/** How long quitting waits for the host to close its database and processes. */
const shutdownTimeoutMs = 5_000;

// Both must happen before `ready`.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

let host: Host | null = null;
let mainWindow: BrowserWindow | null = null;
let disposeIpc: (() => void) | null = null;
const pendingStateSaves = new Set<Promise<void>>();

if (!app.requestSingleInstanceLock()) {
  // Another Braid is running: it gets focused (see 'second-instance') and this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  // Every WebContents, however created, gets the navigation and window-open rules.
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { devServerUrl, openExternal: (url) => shell.openExternal(url), log });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (host && BrowserWindow.getAllWindows().length === 0) void showMainWindow();
  });

  let shutdown: 'running' | 'closing' | 'done' = 'running';
  app.on('will-quit', (event) => {
    if (shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    void closeEverything().finally(() => {
      shutdown = 'done';
      app.quit();
    });
  });

  start().catch((error: unknown) => {
    log(`[braid] failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    dialog.showErrorBox('Braid could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  // Windows shows notifications only for an app with a user model id.
  if (process.platform === 'win32') app.setAppUserModelId('dev.braid.desktop');
  hardenSession(session.defaultSession, { devServerUrl, log });
  protocol.handle(appScheme, createAppRequestHandler(rendererRoot));
  app.setAboutPanelOptions({ applicationName: 'Braid', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildAppMenuTemplate({ platform: process.platform, appName: 'Braid', developer, onNewTask: sendNewTaskShortcut })),
  );

  host = await createHost({
    dataDir: app.getPath('userData'),
    secrets: createSafeStorageSecretStore(app.getPath('userData'), log),
    mode: 'desktop',
    version: app.getVersion(),
    production: app.isPackaged,
    pickFolder,
    notifications: electronNotifications(() => mainWindow),
    log,
  });
  disposeIpc = registerIpcTransport({ ipcMain, host, windows: ourWindowContents, devServerUrl, log });
  await showMainWindow();
}

async function showMainWindow(): Promise<void> {
  mainWindow = await openMainWindow({
    preloadPath,
    stateFile: join(app.getPath('userData'), windowStateFileName),
    devServerUrl,
    devTools: developer,
    iconPath: process.platform === 'darwin' ? null : join(app.getAppPath(), 'resources', 'icon.png'),
    onStateSave: (save) => {
      pendingStateSaves.add(save);
      void save.finally(() => pendingStateSaves.delete(save));
    },
    log,
  });
}

function ourWindowContents(): Electron.WebContents[] {
  return mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents] : [];
}

async function pickFolder(): Promise<string | null> {
  const parent = BrowserWindow.getFocusedWindow() ?? mainWindow;
  const options: Electron.OpenDialogOptions = { title: 'Add a repository', properties: ['openDirectory', 'createDirectory'] };
  const result = parent && !parent.isDestroyed() ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** The UI owns Ctrl/Cmd+N; the menu item presses it for the user. */
function sendNewTaskShortcut(): void {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
  if (!target || target.isDestroyed()) return;
  const modifiers: Electron.InputEvent['modifiers'] = process.platform === 'darwin' ? ['meta'] : ['control'];
  target.webContents.sendInputEvent({ type: 'keyDown', keyCode: 'n', modifiers });
  target.webContents.sendInputEvent({ type: 'keyUp', keyCode: 'n', modifiers });
}

async function closeEverything(): Promise<void> {
  const work = (async () => {
    await Promise.allSettled(pendingStateSaves);
    disposeIpc?.();
    await host?.close();
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log('[braid] shutdown took too long; quitting anyway');
      resolve();
    }, shutdownTimeoutMs);
  });
  try {
    await Promise.race([work, timeout]);
  } catch (error) {
    log(`[braid] error while closing: ${String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
