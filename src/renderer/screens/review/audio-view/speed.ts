/** Playback speeds offered (pitch kept): half speed to catch a detail, double to skim. */
export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** The next speed up (`direction` 1) or down (-1) from `current`, staying within the list. */
export function speedStep(current: number, direction: 1 | -1): number {
  const i = SPEEDS.findIndex((s) => s >= current - 1e-9);
  const at = i < 0 ? SPEEDS.length - 1 : i;
  const exact = Math.abs(SPEEDS[at] - current) < 1e-9;
  const next = direction > 0 ? (exact ? at + 1 : at) : at - 1;
  return SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, next))];
}

export function formatSpeed(s: number): string {
  return `${s}x`;
}
