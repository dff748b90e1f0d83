/** The main window's size and place, remembered in a small JSON file in the user data folder. */
import fs from 'node:fs';
import path from 'node:path';

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
const MIN_WIDTH = 640;
const MIN_HEIGHT = 480;

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined;
}

/** Reads the saved state; a missing, corrupt or absurd file gives the default. */
export function loadWindowState(file: string): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE };
  const r = raw as Record<string, unknown>;
  const width = num(r.width);
  const height = num(r.height);
  if (
    width === undefined ||
    height === undefined ||
    width < MIN_WIDTH ||
    height < MIN_HEIGHT ||
    width > 20000 ||
    height > 20000
  ) {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const x = num(r.x);
  const y = num(r.y);
  return {
    width,
    height,
    ...(x !== undefined && y !== undefined ? { x, y } : {}),
    maximized: r.maximized === true,
  };
}

export function saveWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2));
  fs.renameSync(tmp, file);
}

/**
 * Keeps a remembered position only if enough of the window (its title bar area) lands on a display that
 * exists now; a monitor unplugged since last time must not leave the window off screen.
 */
export function placeOnDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const visible = workAreas.some(
    (a) => x + 100 <= a.x + a.width && x + state.width - 100 >= a.x && y >= a.y && y + 40 <= a.y + a.height,
  );
  if (visible) return state;
  const rest: WindowState = { width: state.width, height: state.height, maximized: state.maximized };
  return rest;
}
