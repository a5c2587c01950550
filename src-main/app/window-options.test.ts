import { describe, expect, it } from 'vitest';
import { createWindowOptions, minWindowSize, windowBackground } from './window-options';

const base = {
  preloadPath: '/app/out/preload/index.cjs',
  darkTheme: true,
  bounds: { x: 10, y: 20, width: 1200, height: 800 },
  devTools: false,
};

describe('createWindowOptions', () => {
  it('isolates the page from Node and Electron', () => {
    const prefs = createWindowOptions(base).webPreferences!;
    expect(prefs).toMatchObject({
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
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.spellcheck).toBeFalsy();
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('keeps DevTools off unless asked for', () => {
    expect(createWindowOptions(base).webPreferences!.devTools).toBe(false);
    expect(createWindowOptions({ ...base, devTools: true }).webPreferences!.devTools).toBe(true);
  });

  it('opens hidden, titled, at the remembered bounds and never smaller than the minimum', () => {
    const options = createWindowOptions(base);
    expect(options).toMatchObject({ show: false, title: 'Braid', x: 10, y: 20, width: 1200, height: 800 });
    expect(options.minWidth).toBe(minWindowSize.width);
    expect(options.minHeight).toBe(minWindowSize.height);
  });

  it('paints the background of the current theme', () => {
    expect(createWindowOptions(base).backgroundColor).toBe(windowBackground.dark);
    expect(createWindowOptions({ ...base, darkTheme: false }).backgroundColor).toBe(windowBackground.light);
  });

  it('sets the icon only when there is one', () => {
    expect(createWindowOptions(base).icon).toBeUndefined();
    expect(createWindowOptions({ ...base, iconPath: '/app/resources/icon.png' }).icon).toBe('/app/resources/icon.png');
  });
});
