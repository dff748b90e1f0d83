import { describe, expect, it } from 'vitest';
import {
  atRegionEnd,
  moveRegion,
  nudgeFor,
  playFrom,
  regionBetween,
  setEdge,
} from '../../../../src/renderer/screens/review/audio-view/region.js';
import { speedStep } from '../../../../src/renderer/screens/review/audio-view/speed.js';
import {
  MAX_PX_PER_S,
  fitPxPerS,
  maxPxPerS,
  visibleSpan,
  zoomStep,
} from '../../../../src/renderer/screens/review/audio-view/zoom.js';

describe('zoom', () => {
  const fit = fitPxPerS(800, 2); // 400 px/s

  it('doubles per step in and halves out, ending exactly at the fit', () => {
    expect(fit).toBe(400);
    const in1 = zoomStep(fit, 1, fit);
    expect(in1).toBe(800);
    expect(visibleSpan(800, in1, 2)).toBe(1);
    expect(zoomStep(zoomStep(in1, 1, fit), -1, fit)).toBe(800);
    expect(zoomStep(in1, -1, fit)).toBe(fit);
    expect(zoomStep(fit, -1, fit)).toBe(fit);
  });

  it('stops at the closest zoom', () => {
    let z = fit;
    for (let i = 0; i < 20; i++) z = zoomStep(z, 1, fit);
    expect(z).toBe(MAX_PX_PER_S);
    expect(visibleSpan(800, z, 2)).toBeCloseTo(0.2, 9);
  });

  it('gives long clips a lower closest zoom, never below the fit', () => {
    expect(maxPxPerS(2, 400)).toBe(MAX_PX_PER_S);
    expect(maxPxPerS(100, 8)).toBe(400);
    expect(zoomStep(3200, 1, 8, maxPxPerS(100, 8))).toBe(400);
    expect(maxPxPerS(1000, 50)).toBe(50);
  });

  it('never shows more than the clip', () => {
    expect(visibleSpan(800, 100, 2)).toBe(2);
  });
});

describe('selection', () => {
  it('orders and clamps a drag, and ignores a click-sized one', () => {
    expect(regionBetween(1.5, 0.5, 2)).toEqual({ start: 0.5, end: 1.5 });
    expect(regionBetween(-1, 3, 2)).toEqual({ start: 0, end: 2 });
    expect(regionBetween(1, 1.01, 2)).toBeNull();
  });

  it('moves keeping its length and stops at the edges', () => {
    const r = { start: 0.5, end: 1 };
    expect(moveRegion(r, 0.25, 2)).toEqual({ start: 0.75, end: 1.25 });
    expect(moveRegion(r, -2, 2)).toEqual({ start: 0, end: 0.5 });
    expect(moveRegion(r, 5, 2)).toEqual({ start: 1.5, end: 2 });
    expect(nudgeFor(r)).toBeCloseTo(0.05, 9);
  });

  it('loops back to the start at the end, or stops there without Loop', () => {
    const r = { start: 0.5, end: 1 };
    expect(atRegionEnd(0.9, r, true)).toEqual({ kind: 'none' });
    expect(atRegionEnd(1.02, r, true)).toEqual({ kind: 'seek', to: 0.5 });
    expect(atRegionEnd(1.02, r, false)).toEqual({ kind: 'stop', at: 0.5 });
    expect(atRegionEnd(1.5, null, true)).toEqual({ kind: 'none' });
  });

  it('plays from the playhead inside the selection, else from its start', () => {
    const r = { start: 0.5, end: 1 };
    expect(playFrom(0.7, r)).toBe(0.7);
    expect(playFrom(0.2, r)).toBe(0.5);
    expect(playFrom(1, r)).toBe(0.5);
    expect(playFrom(0.2, null)).toBe(0.2);
  });

  it('sets an edge at the playhead with [ and ]', () => {
    expect(setEdge(null, 'start', 0.5, 2)).toEqual({ start: 0.5, end: 2 });
    expect(setEdge({ start: 0.5, end: 2 }, 'end', 1.2, 2)).toEqual({ start: 0.5, end: 1.2 });
    // an end before the current start keeps the end and starts from 0
    expect(setEdge({ start: 0.5, end: 1 }, 'end', 0.3, 2)).toEqual({ start: 0, end: 0.3 });
  });
});

describe('speed', () => {
  it('steps through 0.5x..2x and stays within', () => {
    expect(speedStep(1, 1)).toBe(1.25);
    expect(speedStep(1, -1)).toBe(0.75);
    expect(speedStep(2, 1)).toBe(2);
    expect(speedStep(0.5, -1)).toBe(0.5);
    expect(speedStep(1.1, 1)).toBe(1.25);
    expect(speedStep(1.1, -1)).toBe(1);
  });
});
