import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultWindowState, fitToDisplays, loadWindowState, parseWindowState, saveWindowState } from './window-state';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };
const laptop = { x: 0, y: 0, width: 1366, height: 728 };

describe('parseWindowState', () => {
  it('accepts a saved state and rounds fractional pixels', () => {
    expect(parseWindowState({ x: 10.4, y: 20, width: 1000, height: 700.6, maximized: true })).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 701,
      maximized: true,
    });
  });

  it.each([
    null,
    'text',
    [],
    { x: 0, y: 0, width: 100 },
    { x: 0, y: 0, width: -5, height: 100 },
    { x: 'a', y: 0, width: 100, height: 100 },
    { x: Number.NaN, y: 0, width: 100, height: 100 },
    { x: 1e12, y: 0, width: 100, height: 100 },
  ])('ignores %j', (value) => {
    expect(parseWindowState(value)).toBeNull();
  });
});

describe('fitToDisplays', () => {
  it('opens at a default size centred on the primary display the first time', () => {
    expect(fitToDisplays(null, [primary], primary)).toEqual({ x: 320, y: 110, width: 1280, height: 820, maximized: false });
    expect(defaultWindowState(laptop)).toEqual({ x: 43, y: 0, width: 1280, height: 728, maximized: false });
  });

  it('keeps a window that is fully on a screen exactly where it was', () => {
    const state = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    expect(fitToDisplays(state, [primary, rightMonitor], primary)).toEqual(state);
  });

  it('brings a window back from a monitor that was unplugged', () => {
    const state = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    const fitted = fitToDisplays(state, [primary], primary);
    expect(fitted).toEqual({ x: 160, y: 20, width: 1600, height: 1000, maximized: false });
  });

  it('shrinks a window larger than the only screen left', () => {
    const state = { x: 0, y: 0, width: 2400, height: 1300, maximized: false };
    expect(fitToDisplays(state, [laptop], laptop)).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
  });

  it('pulls a window that hangs off the edge fully onto the screen it is mostly on', () => {
    const state = { x: 1500, y: -300, width: 1000, height: 800, maximized: false };
    expect(fitToDisplays(state, [primary], primary)).toEqual({ x: 920, y: 0, width: 1000, height: 800, maximized: false });
  });

  it('chooses the screen a window straddles most', () => {
    const state = { x: 1800, y: 100, width: 1000, height: 800, maximized: false };
    expect(fitToDisplays(state, [primary, rightMonitor], primary)).toEqual({ x: 1920, y: 100, width: 1000, height: 800, maximized: false });
  });

  it('does not count a sliver of a few pixels as visible', () => {
    const state = { x: 1910, y: 100, width: 1000, height: 800, maximized: false };
    expect(fitToDisplays(state, [primary], primary)).toEqual({ x: 460, y: 120, width: 1000, height: 800, maximized: false });
  });

  it('grows a window smaller than the minimum size', () => {
    const state = { x: 100, y: 100, width: 200, height: 100, maximized: false };
    expect(fitToDisplays(state, [primary], primary)).toMatchObject({ x: 100, y: 100, width: 800, height: 560 });
  });
});

describe('loadWindowState / saveWindowState (real files)', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('remembers what was saved, in a folder created on demand', async () => {
    dir = mkdtempSync(join(tmpdir(), 'braid-window-state-'));
    const file = join(dir, 'nested', 'window-state.json');
    const state = { x: 5, y: 6, width: 1000, height: 700, maximized: false };
    await saveWindowState(file, state);
    expect(await loadWindowState(file)).toEqual(state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
  });

  it('falls back to nothing for a missing or corrupt file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'braid-window-state-'));
    expect(await loadWindowState(join(dir, 'absent.json'))).toBeNull();
    writeFileSync(join(dir, 'bad.json'), '{"x": 1, "y":');
    expect(await loadWindowState(join(dir, 'bad.json'))).toBeNull();
  });
});
