import { existsSync } from 'node:fs';
import { BrowserWindow, nativeTheme, screen } from 'electron';
import { appEntryUrl } from './app-origin';
import { createWindowOptions } from './window-options';
import { fitToDisplays, loadWindowState, saveWindowState } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  /** Where the window's size and position are remembered. */
  stateFile: string;
  /** The Vite dev server while developing; null loads the built UI from app://. */
  devServerUrl: string | null;
  devTools: boolean;
  iconPath: string | null;
  /** Called with the save of the final bounds, so quitting can wait for it. */
  onStateSave: (save: Promise<void>) => void;
  log: (line: string) => void;
}

/** Opens Braid's window where the user left it, hidden until its first frame is painted. */
export async function openMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const saved = await loadWindowState(options.stateFile);
  const state = fitToDisplays(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow(
    createWindowOptions({
      preloadPath: options.preloadPath,
      darkTheme: nativeTheme.shouldUseDarkColors,
      bounds: state,
      devTools: options.devTools,
      ...(options.iconPath && existsSync(options.iconPath) ? { iconPath: options.iconPath } : {}),
    }),
  );

  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    const bounds = window.getNormalBounds();
    options.onStateSave(
      saveWindowState(options.stateFile, { ...bounds, maximized: window.isMaximized() }).catch((error: unknown) =>
        options.log(`[braid] could not remember the window position: ${String(error)}`),
      ),
    );
  });

  const url = options.devServerUrl ?? appEntryUrl;
  window.loadURL(url).catch((error: unknown) => options.log(`[braid] could not load ${url}: ${String(error)}`));
  return window;
}
