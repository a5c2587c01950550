import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Rectangle } from 'electron';
import { minWindowSize } from './window-options';

/** Where and how big the main window was when the user last closed it. */
export interface WindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const windowStateFileName = 'window-state.json';
const defaultSize = { width: 1280, height: 820 } as const;
/** How much of a window must be on a screen for the user to grab its title bar. */
const minVisible = { width: 120, height: 48 } as const;

/** Accepts only a well-formed state; anything else (hand edits, old versions) is ignored. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y, width, height, maximized } = value as Record<string, unknown>;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 1_000_000;
  if (!finite(x) || !finite(y) || !finite(width) || !finite(height)) return null;
  if (width <= 0 || height <= 0) return null;
  return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height), maximized: maximized === true };
}

/** A comfortable size, centred on the primary display's work area. */
export function defaultWindowState(primaryWorkArea: Rectangle): WindowState {
  const width = Math.min(defaultSize.width, primaryWorkArea.width);
  const height = Math.min(defaultSize.height, primaryWorkArea.height);
  return centredIn(primaryWorkArea, width, height, false);
}

/**
 * Puts a remembered window back where the user can see it. Displays get unplugged and
 * resolutions change between runs: a window mostly off every screen is moved back onto the
 * primary one, and one larger than its screen is shrunk to fit.
 */
export function fitToDisplays(state: WindowState | null, workAreas: readonly Rectangle[], primaryWorkArea: Rectangle): WindowState {
  if (!state) return defaultWindowState(primaryWorkArea);
  let best: Rectangle | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = intersection(state, area);
    const size = overlap ? overlap.width * overlap.height : 0;
    if (overlap && overlap.width >= Math.min(minVisible.width, state.width) && overlap.height >= Math.min(minVisible.height, state.height) && size > bestArea) {
      best = area;
      bestArea = size;
    }
  }
  if (!best) {
    const width = clamp(state.width, Math.min(minWindowSize.width, primaryWorkArea.width), primaryWorkArea.width);
    const height = clamp(state.height, Math.min(minWindowSize.height, primaryWorkArea.height), primaryWorkArea.height);
    return centredIn(primaryWorkArea, width, height, state.maximized);
  }
  const width = clamp(state.width, Math.min(minWindowSize.width, best.width), best.width);
  const height = clamp(state.height, Math.min(minWindowSize.height, best.height), best.height);
  return {
    x: clamp(state.x, best.x, best.x + best.width - width),
    y: clamp(state.y, best.y, best.y + best.height - height),
    width,
    height,
    maximized: state.maximized,
  };
}

export async function loadWindowState(file: string): Promise<WindowState | null> {
  try {
    return parseWindowState(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    // Missing or corrupt: the window simply opens at the default place.
    return null;
  }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state)}\n`, 'utf8');
  await rename(temporary, file);
}

function intersection(a: Rectangle, b: Rectangle): Rectangle | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

function centredIn(area: Rectangle, width: number, height: number, maximized: boolean): WindowState {
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
    maximized,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
