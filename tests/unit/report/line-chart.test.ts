import { describe, expect, it } from 'vitest';
import { lineChartSvg } from '../../../src/core/report/node/index.js';
import { formatTick, niceTicks } from '../../../src/core/report/ticks.js';

describe('niceTicks', () => {
  it('picks round steps covering the range', () => {
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0, 2.1, 4)).toEqual([0, 1, 2]);
    expect(niceTicks(1, 30, 5)).toEqual([10, 20, 30]);
    expect(niceTicks(1, 22, 5)).toEqual([5, 10, 15, 20]);
    expect(niceTicks(0, 0.0042, 4)).toEqual([0, 0.002, 0.004]);
    expect(niceTicks(0.35, 1.9, 4)).toEqual([0.5, 1, 1.5]);
  });

  it('handles a flat or broken range', () => {
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(0, Number.NaN)).toEqual([]);
  });

  it('formats ticks without float noise', () => {
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
    expect(formatTick(20)).toBe('20');
  });
});

describe('lineChartSvg', () => {
  const series = [
    {
      name: 'train',
      colour: '#2f6fdb',
      points: [
        [1, 1.5],
        [2, 1.0],
        [3, 0.5],
      ] as Array<[number, number]>,
    },
    {
      name: 'validation',
      colour: '#e3701b',
      dash: '5 3',
      points: [
        [1, 1.6],
        [2, Number.NaN],
        [3, 0.9],
      ] as Array<[number, number]>,
    },
  ];

  it('draws one path per series through every finite point', () => {
    const svg = lineChartSvg({ title: 'Loss', series, width: 300, height: 190 });
    const paths = [...svg.matchAll(/<path d="([^"]+)"[^>]*stroke="(#[0-9a-f]+)"/g)];
    expect(paths.map((p) => p[2])).toEqual(['#2f6fdb', '#e3701b']);
    expect(paths[0][1].match(/[ML]/g)).toHaveLength(3);
    expect(paths[1][1].match(/[ML]/g)).toHaveLength(2); // the NaN epoch is skipped
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('stroke-dasharray="5 3"');
  });

  it('maps the data into the plot, higher values nearer the top', () => {
    const svg = lineChartSvg({ title: 'Loss', series: [series[0]], width: 300, height: 190 });
    const d = /<path d="([^"]+)"/.exec(svg)![1];
    const pts = [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(pts[0][0]).toBeLessThan(pts[2][0]);
    expect(pts[0][1]).toBeLessThan(pts[2][1]);
    for (const [x, y] of pts) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(300);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(190);
    }
  });

  it('uses the fixed y range and marks an epoch when asked', () => {
    const svg = lineChartSvg({ title: 'Accuracy', series, yDomain: [0, 1], markX: { x: 2, label: 'best' } });
    expect(svg).toContain('>0.5</text>');
    expect(svg).toContain('>best</text>');
  });

  it('says so when there is nothing to draw', () => {
    const svg = lineChartSvg({ title: 'Loss', series: [{ name: 'x', colour: '#000000', points: [] }] });
    expect(svg).toContain('no data');
    expect(svg).not.toContain('<path');
  });
});
