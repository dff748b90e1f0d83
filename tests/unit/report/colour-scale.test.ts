import { describe, expect, it } from 'vitest';
import { scaleColour, textColourOn } from '../../../src/core/report/colour-scale.js';

const brightness = (hex: string) =>
  parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16);

describe('colour scale', () => {
  it('runs from near white at 0 to dark blue at 1, clamping outside', () => {
    expect(scaleColour(0)).toBe('#f7fbff');
    expect(scaleColour(1)).toBe('#08306b');
    expect(scaleColour(-1)).toBe('#f7fbff');
    expect(scaleColour(2)).toBe('#08306b');
    expect(scaleColour(Number.NaN)).toBe('#f7fbff');
  });

  it('darkens steadily as the share grows', () => {
    const steps = Array.from({ length: 21 }, (_, i) => brightness(scaleColour(i / 20)));
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeLessThan(steps[i - 1]);
  });

  it('puts dark text on light cells and white text on dark ones', () => {
    expect(textColourOn(scaleColour(0.1))).toBe('#111111');
    expect(textColourOn(scaleColour(0.9))).toBe('#ffffff');
  });
});
