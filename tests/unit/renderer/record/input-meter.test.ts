import { describe, expect, it } from 'vitest';
import {
  CLIP_HOLD_MS,
  InputMeter,
  METER_MS,
} from '../../../../src/renderer/screens/record/input-meter.svelte.js';

const RATE = 48000;

/** `n` samples at `level` with, if asked, `run` consecutive full-scale samples in the middle. */
function block(n: number, level: number, run = 0): Float32Array {
  const out = new Float32Array(n).fill(level);
  const at = Math.floor(n / 2);
  for (let i = 0; i < run; i++) out[at + i] = i % 2 ? 1 : -1;
  return out;
}

function setup() {
  const clock = { t: 10_000 };
  const meter = new InputMeter(() => clock.t);
  meter.start();
  /** One block of 10 ms (480 samples), the clock moving with it. */
  const push = (level: number, run = 0) => {
    clock.t += 10;
    meter.push(block(480, level, run), RATE);
  };
  return { meter, clock, push };
}

describe('the input meter', () => {
  it('shows the peak of each meter period, moving every METER_MS rather than at each block', () => {
    const { meter, push } = setup();
    push(0.5); // the first block moves the meter
    expect(meter.level).toBe(0.5);
    push(0.25);
    push(0.1);
    expect(meter.level).toBe(0.5); // not yet a meter period later
    for (let i = 0; i < METER_MS / 10 - 3; i++) push(0.1);
    expect(meter.level).toBe(0.5);
    push(0.1);
    // the peak since the last move, not since the take began
    expect(meter.level).toBe(0.25);
  });

  it('counts the seconds recorded at the device’s rate', () => {
    const { meter, push } = setup();
    for (let i = 0; i < 101; i++) push(0.1); // the meter moves at blocks 1, 6, ... 101
    expect(meter.seconds).toBeCloseTo(1.01, 9);
    meter.start();
    expect(meter.seconds).toBe(0);
  });

  it('warns of clipping on a flat top, not on one full-scale sample, and for CLIP_HOLD_MS after it', () => {
    const { meter, push } = setup();
    push(0.3, 1);
    push(0.3, 2);
    expect(meter.clipping).toBe(false);
    for (let i = 0; i < 5; i++) push(0.3);
    push(0.3, 3);
    expect(meter.clipping).toBe(true);
    // still shown just before the hold ends, gone at the first meter move after it
    for (let t = 10; t < CLIP_HOLD_MS - METER_MS; t += 10) push(0.3);
    expect(meter.clipping).toBe(true);
    for (let t = 0; t < 2 * METER_MS; t += 10) push(0.3);
    expect(meter.clipping).toBe(false);
  });

  it('drops to nothing when the take stops', () => {
    const { meter, push } = setup();
    push(0.7);
    meter.stop();
    expect(meter.level).toBe(0);
  });
});
