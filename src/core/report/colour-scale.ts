// Two ColorBrewer sequential scales, one for correct cells (the diagonal) and one for errors, so a large
// error never looks like a success. Blue-green against orange-red stays apart for red-green colour-blind
// readers, and each prints in greyscale in the right order.
const CORRECT = [
  '#f7fcfd',
  '#e5f5f9',
  '#ccece6',
  '#99d8c9',
  '#66c2a4',
  '#41ae76',
  '#238b45',
  '#006d2c',
  '#00441b',
];
const ERROR = [
  '#fff7ec',
  '#fee8c8',
  '#fdd49e',
  '#fdbb84',
  '#fc8d59',
  '#ef6548',
  '#d7301f',
  '#b30000',
  '#7f0000',
];

/** Which of the two scales a cell is on: correct predictions (diagonal) or errors (off the diagonal). */
export type CellScale = 'correct' | 'error';

const RAMPS: Record<CellScale, readonly string[]> = { correct: CORRECT, error: ERROR };

type Rgb = [number, number, number];

/** Colour of a fraction in [0, 1] (clamped) on one of the two sequential scales. */
export function scaleColour(fraction: number, scale: CellScale = 'correct'): string {
  const ramp = RAMPS[scale];
  const t = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(t));
  const a = hexToRgb(ramp[i]);
  const b = hexToRgb(ramp[i + 1]);
  const f = t - i;
  return rgbToHex([0, 1, 2].map((c) => a[c] + (b[c] - a[c]) * f) as Rgb);
}

/** The scale of the confusion-matrix cell at (true row, predicted column). */
export function cellScale(row: number, column: number): CellScale {
  return row === column ? 'correct' : 'error';
}

/** Colour of a confusion-matrix cell by its share of the row: the diagonal on one scale, errors on the other. */
export function cellColour(rowShare: number, row: number, column: number): string {
  return scaleColour(rowShare, cellScale(row, column));
}

/** Gradient stops (offset 0..1, colour) of a whole scale, for a legend. */
export function scaleStops(scale: CellScale = 'correct'): Array<[number, string]> {
  const ramp = RAMPS[scale];
  return ramp.map((c, i) => [i / (ramp.length - 1), c]);
}

/** Black or white, whichever contrasts more with the background (WCAG relative luminance). */
export function textColourOn(background: string): string {
  const l = relativeLuminance(hexToRgb(background));
  const contrastWithBlack = (l + 0.05) / 0.05;
  const contrastWithWhite = 1.05 / (l + 0.05);
  return contrastWithBlack >= contrastWithWhite ? '#111111' : '#ffffff';
}

function relativeLuminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function hexToRgb(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex(rgb: Rgb): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}
