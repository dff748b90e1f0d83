import { describe, expect, it } from 'vitest';
import { cellColour, cellScale, scaleColour, textColourOn } from '../../../src/core/report/colour-scale.js';

const rgb = (hex: string): [number, number, number] => [
  parseInt(hex.slice(1, 3), 16),
  parseInt(hex.slice(3, 5), 16),
  parseInt(hex.slice(5, 7), 16),
];
const brightness = (hex: string) => rgb(hex).reduce((a, b) => a + b, 0);

/** Hue in degrees (0 red, 120 green, 240 blue). */
function hue(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => v / 255);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

describe('colour scales', () => {
  it('runs each scale from near white at 0 to dark at 1, clamping outside', () => {
    expect(scaleColour(0, 'correct')).toBe('#f7fcfd');
    expect(scaleColour(1, 'correct')).toBe('#00441b');
    expect(scaleColour(0, 'error')).toBe('#fff7ec');
    expect(scaleColour(1, 'error')).toBe('#7f0000');
    expect(scaleColour(-1, 'error')).toBe('#fff7ec');
    expect(scaleColour(2, 'correct')).toBe('#00441b');
    expect(scaleColour(Number.NaN)).toBe('#f7fcfd');
  });

  it('darkens steadily as the share grows, on both scales', () => {
    for (const scale of ['correct', 'error'] as const) {
      const steps = Array.from({ length: 21 }, (_, i) => brightness(scaleColour(i / 20, scale)));
      for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1]);
    }
  });

  it('puts the diagonal on a green scale and errors on an orange-red one, so a large error never looks correct', () => {
    expect(cellScale(2, 2)).toBe('correct');
    expect(cellScale(2, 3)).toBe('error');
    for (const share of [0.2, 0.5, 0.8, 1]) {
      const correct = hue(cellColour(share, 1, 1));
      const error = hue(cellColour(share, 1, 0));
      expect(correct).toBeGreaterThan(90);
      expect(correct).toBeLessThan(180);
      expect(error < 40 || error > 340).toBe(true);
    }
    // the same share of the row: a different colour on and off the diagonal
    expect(cellColour(0.8, 0, 1)).not.toBe(cellColour(0.8, 0, 0));
  });

  it('puts dark text on light cells and white text on dark ones', () => {
    for (const scale of ['correct', 'error'] as const) {
      expect(textColourOn(scaleColour(0.1, scale))).toBe('#111111');
      expect(textColourOn(scaleColour(0.9, scale))).toBe('#ffffff');
    }
  });
});
