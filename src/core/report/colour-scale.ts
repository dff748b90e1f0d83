// ColorBrewer "Blues": sequential, prints in greyscale in the right order, readable for colour-blind readers.
const BLUES = [
  '#f7fbff',
  '#deebf7',
  '#c6dbef',
  '#9ecae1',
  '#6baed6',
  '#4292c6',
  '#2171b5',
  '#08519c',
  '#08306b',
];

type Rgb = [number, number, number];

/** Colour of a fraction in [0, 1] (clamped) on the sequential scale. */
export function scaleColour(fraction: number): string {
  const t = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * (BLUES.length - 1);
  const i = Math.min(BLUES.length - 2, Math.floor(t));
  const a = hexToRgb(BLUES[i]);
  const b = hexToRgb(BLUES[i + 1]);
  const f = t - i;
  return rgbToHex([0, 1, 2].map((c) => a[c] + (b[c] - a[c]) * f) as Rgb);
}

/** Gradient stops (offset 0..1, colour) of the whole scale, for a legend. */
export function scaleStops(): Array<[number, string]> {
  return BLUES.map((c, i) => [i / (BLUES.length - 1), c]);
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
