import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/core/metrics/index.js';
import { rowsFromConfusion } from './rows.js';
import { sharedPath } from '../../support/shared-data.js';

interface Baseline {
  corpus: string;
  method: string;
  labels: string[];
  clips: number;
  accuracy: number;
  macro_f1: number;
  uar: number;
  confusion: number[][];
}

const baselines: Baseline[] = readFileSync(sharedPath('reference/baselines.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Baseline);

describe('reference baselines (numbers computed by numpy)', () => {
  it('has the reference runs to check against', () => {
    expect(baselines.length).toBeGreaterThanOrEqual(12);
  });

  it.each(baselines.map((b) => [`${b.corpus} ${b.method}`, b] as const))('%s', (_name, b) => {
    const m = computeMetrics(rowsFromConfusion(b.confusion, b.labels), b.labels);
    expect(m.confusion).toEqual(b.confusion);
    expect(m.clips).toBe(b.clips);
    expect(Math.abs(m.accuracy - b.accuracy)).toBeLessThan(1e-9);
    expect(Math.abs(m.macro_f1 - b.macro_f1)).toBeLessThan(1e-9);
    expect(Math.abs(m.uar - b.uar)).toBeLessThan(1e-9);
  });
});
