/** What a key does to the segments of a long recording in Review (asked before the screen's own keys). */
export type SegmentCommand =
  | 'start-here'
  | 'end-here'
  | 'playhead-back'
  | 'playhead-forward'
  | 'split'
  | 'merge-next'
  | 'add'
  | 'delete';

type KeyLike = Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>;

// [ ] as the selection keys of a clip's view (Audacity's habit); S split, M merge, A add, Delete delete.
const KEYS: Record<string, SegmentCommand> = {
  '[': 'start-here',
  ']': 'end-here',
  s: 'split',
  S: 'split',
  m: 'merge-next',
  M: 'merge-next',
  a: 'add',
  A: 'add',
  Delete: 'delete',
  Backspace: 'delete',
};

/** How far Shift+←/→ moves the playhead (s): fine enough to place a boundary, coarse enough to get there. */
export const PLAYHEAD_STEP_S = 0.1;

export function segmentCommand(e: KeyLike): SegmentCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.shiftKey && e.key === 'ArrowLeft') return 'playhead-back';
  if (e.shiftKey && e.key === 'ArrowRight') return 'playhead-forward';
  return KEYS[e.key] ?? null;
}

/** The stretch of the recording Review loads around a segment: it and some context either side (s). */
export function viewAround(
  startS: number,
  endS: number,
  durationS: number,
  contextS = 6,
): { from: number; to: number } {
  return { from: Math.max(0, startS - contextS), to: Math.min(durationS, endS + contextS) };
}
