export interface TimeRegion {
  start: number;
  end: number;
}

/** A selection shorter than this (20 ms, a few pitch periods) is a click, not a selection. */
export const MIN_REGION_S = 0.02;

/** The region between two times in either order, clamped to the clip; null when too short to play. */
export function regionBetween(a: number, b: number, durationS: number): TimeRegion | null {
  const start = Math.max(0, Math.min(a, b));
  const end = Math.min(durationS, Math.max(a, b));
  return end - start >= MIN_REGION_S ? { start, end } : null;
}

/** The region shifted by `deltaS`, its length kept, stopped at the clip's edges. */
export function moveRegion(r: TimeRegion, deltaS: number, durationS: number): TimeRegion {
  const length = r.end - r.start;
  const start = Math.min(Math.max(0, r.start + deltaS), Math.max(0, durationS - length));
  return { start, end: start + length };
}

/** How far Shift+arrow moves a selection: a tenth of its length, at least 10 ms. */
export function nudgeFor(r: TimeRegion): number {
  return Math.max(0.01, (r.end - r.start) / 10);
}

/** Where Play starts with a selection: the playhead if it is inside, else the selection's start. */
export function playFrom(t: number, r: TimeRegion | null): number {
  if (!r) return t;
  return t >= r.start && t < r.end ? t : r.start;
}

export type LoopAction = { kind: 'none' } | { kind: 'seek'; to: number } | { kind: 'stop'; at: number };

/**
 * What playback does at time `t` in a selection: past its end it goes back to the start when looping, or
 * stops at the start otherwise (Audacity's "play the selection"). A playhead before the start (the user
 * clicked outside) is left alone.
 */
export function atRegionEnd(t: number, r: TimeRegion | null, loop: boolean): LoopAction {
  if (!r || t < r.end) return { kind: 'none' };
  return loop ? { kind: 'seek', to: r.start } : { kind: 'stop', at: r.start };
}

/** Set one edge of the selection at the playhead (the [ and ] keys), keeping the other if it still fits. */
export function setEdge(
  r: TimeRegion | null,
  edge: 'start' | 'end',
  t: number,
  durationS: number,
): TimeRegion | null {
  if (edge === 'start') return regionBetween(t, r && r.end > t ? r.end : durationS, durationS);
  return regionBetween(r && r.start < t ? r.start : 0, t, durationS);
}
