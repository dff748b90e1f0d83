import { CANONICAL_LABELS } from '../../../common/labels.js';

/** One colour per emotion, the same on every screen that draws labels over time (regions, the timeline). */
const HUES: Record<string, number> = {
  happy: 45,
  sad: 215,
  neutral: 0,
  calm: 165,
  angry: 0,
  boredom: 270,
  disgust: 95,
  fear: 300,
  surprise: 25,
};

/** A solid colour for `label` (grey for none and for neutral), with `alpha` for overlays. */
export function labelColour(label: string | null | undefined, alpha = 1): string {
  if (!label || !(CANONICAL_LABELS as readonly string[]).includes(label) || label === 'neutral')
    return `hsla(220, 8%, 55%, ${alpha})`;
  const saturation = label === 'angry' ? 75 : 65;
  return `hsla(${HUES[label]}, ${saturation}%, ${label === 'happy' ? 48 : 52}%, ${alpha})`;
}
