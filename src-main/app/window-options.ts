import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export const minWindowSize = { width: 800, height: 560 } as const;

/**
 * The colour painted before the first frame, so opening a window never flashes white in
 * the dark theme (or black in the light one). Keep in step with the renderer's theme tokens.
 */
export const windowBackground = { dark: '#16181d', light: '#ffffff' } as const;

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (`out/preload/index.cjs`). */
  preloadPath: string;
  /** `nativeTheme.shouldUseDarkColors` at creation time. */
  darkTheme: boolean;
  bounds: Rectangle;
  /** DevTools stay available while developing and are switched off in a packaged app. */
  devTools: boolean;
  /** Shown in the taskbar/dock on Linux and Windows; macOS takes the bundle's icon. */
  iconPath?: string;
}

/**
 * Every BrowserWindow Braid opens is built from this. The web preferences spell out each
 * security default even where Electron already defaults to it, so a future Electron default
 * change or a careless edit shows up in review and in the tests.
 */
export function createWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Braid',
    x: input.bounds.x,
    y: input.bounds.y,
    width: input.bounds.width,
    height: input.bounds.height,
    minWidth: minWindowSize.width,
    minHeight: minWindowSize.height,
    // Shown on `ready-to-show`, so the user never sees an empty window being painted.
    show: false,
    backgroundColor: input.darkTheme ? windowBackground.dark : windowBackground.light,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      webSecurity: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}
