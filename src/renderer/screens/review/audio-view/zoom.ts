/** The closest zoom: 4 samples of 16 kHz audio a pixel, past which the waveform shows nothing new. */
export const MAX_PX_PER_S = 4000;
/**
 * The widest the zoomed view may get, in pixels: the spectrogram recomputes its columns for the whole clip
 * at each zoom, so a long clip gets a lower closest zoom and a step stays well under a second.
 */
export const MAX_TOTAL_PX = 40_000;

/** The closest zoom for a clip: MAX_PX_PER_S, less for long clips, never below the fit. */
export function maxPxPerS(durationS: number, fit: number): number {
  return Math.max(fit, Math.min(MAX_PX_PER_S, durationS > 0 ? MAX_TOTAL_PX / durationS : MAX_PX_PER_S));
}
/** Each zoom step doubles or halves the pixels a second gets, as Audacity's Ctrl+1/Ctrl+3 do. */
export const ZOOM_FACTOR = 2;

/** Pixels a second that fit the whole clip into `widthPx`. */
export function fitPxPerS(widthPx: number, durationS: number): number {
  if (!(durationS > 0) || !(widthPx > 0)) return 1;
  return widthPx / durationS;
}

/** The zoom one step in (`direction` 1) or out (-1) from `current`, never wider than the fit nor past `max`. */
export function zoomStep(current: number, direction: 1 | -1, fit: number, max = MAX_PX_PER_S): number {
  const next = direction > 0 ? current * ZOOM_FACTOR : current / ZOOM_FACTOR;
  // snap to the fit when a step lands within a few percent of it, so zooming back out ends exactly there
  if (next <= fit * 1.05) return fit;
  return Math.min(Math.max(fit, max), next);
}

/** Seconds of audio visible at `pxPerS` in `widthPx`. */
export function visibleSpan(widthPx: number, pxPerS: number, durationS: number): number {
  if (!(pxPerS > 0)) return durationS;
  return Math.min(durationS, widthPx / pxPerS);
}

/** Zoom factor relative to the fit, for the "2x" beside the zoom buttons. */
export function zoomRatio(pxPerS: number, fit: number): number {
  return fit > 0 ? pxPerS / fit : 1;
}
