import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/core/metrics/index.js';
import { confusionMatrixSvg } from '../../../src/core/report/node/index.js';
import { rowsFromConfusion } from '../metrics/rows.js';
import { EMODB7_CONFUSION, EMODB7_LABELS } from './fixture.js';

const metrics = computeMetrics(rowsFromConfusion(EMODB7_CONFUSION, EMODB7_LABELS), EMODB7_LABELS);

/** Text of every <text> element, in document order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

describe('confusionMatrixSvg', () => {
  const svg = confusionMatrixSvg(metrics, { title: 'EmoDB 7' });

  it('is an SVG document resvg can parse', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(() => new Resvg(svg)).not.toThrow();
  });

  it('shows each cell as its count then its row percentage', () => {
    const t = texts(svg);
    // angry row: 18 0 1 102 0 3 3 of 127
    const i = t.indexOf('102');
    expect(i).toBeGreaterThan(0);
    expect(t[i + 1]).toBe('80.3%');
    const happy = t.indexOf('27');
    expect(t[happy + 1]).toBe('38.0%');
    const cells = t.filter((s) => /^\d+\.\d%$/.test(s));
    expect(cells).toHaveLength(49);
  });

  it('colours cells by row percentage, darker for larger shares, correct and errors on two scales', () => {
    const cells = [
      ...svg.matchAll(
        /<rect x="[\d.]+" y="[\d.]+" width="78" height="78" fill="(#[0-9a-f]{6})" data-scale="(correct|error)"/g,
      ),
    ].map((m) => ({ fill: m[1], scale: m[2] }));
    const fills = cells.map((c) => c.fill);
    expect(fills).toHaveLength(49);
    const lum = (hex: string) =>
      parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16);
    // row 1 (sad): 0 / 88.7% / 0: the diagonal is much darker than its zero neighbours
    expect(lum(fills[7 + 1])).toBeLessThan(lum(fills[7 + 0]) - 200);
    // two cells with the same share have the same colour, whatever their counts (disgust 32/46, fear 48/69)
    expect(fills[5 * 7 + 5]).toBe(fills[6 * 7 + 6]);
    // the diagonal on the correct scale, everything else on the error scale
    cells.forEach((c, k) => expect(c.scale).toBe(Math.floor(k / 7) === k % 7 ? 'correct' : 'error'));
    // row 0 predicted as column 3 (34 of 71, 48%, the largest error) is red: not the green of a good diagonal
    const [r, g] = [parseInt(fills[3].slice(1, 3), 16), parseInt(fills[3].slice(3, 5), 16)];
    expect(r).toBeGreaterThan(g + 100);
    const diag = fills[7 + 1];
    expect(parseInt(diag.slice(3, 5), 16)).toBeGreaterThan(parseInt(diag.slice(1, 3), 16));
  });

  it('names the axes and every class on both of them, and shows row totals and a colour legend', () => {
    const t = texts(svg);
    expect(t).toContain('True');
    expect(t).toContain('Predicted');
    expect(t).toContain('EmoDB 7');
    for (const label of EMODB7_LABELS) expect(t.filter((s) => s === label)).toHaveLength(2);
    for (const support of [71, 62, 79, 127, 81, 46, 69]) expect(t).toContain(String(support));
    expect(t).toContain('100%');
    expect(svg).toContain('url(#cm-scale-correct)');
    expect(svg).toContain('url(#cm-scale-error)');
  });

  it('rotates column labels that would not fit a cell, and truncates very long ones', () => {
    const labels = ['happy', 'pleasantly-surprised-and-amused'];
    const m = computeMetrics(
      rowsFromConfusion(
        [
          [3, 1],
          [0, 2],
        ],
        labels,
      ),
      labels,
    );
    const long = confusionMatrixSvg(m);
    expect(long).toMatch(/transform="rotate\(-40 /);
    expect(long).toContain('>pleasantly-surpri…</text>');
    expect(confusionMatrixSvg(metrics)).not.toMatch(/rotate\(-40/);
  });

  it('marks a row without clips with dashes instead of percentages', () => {
    const labels = ['a', 'b'];
    const m = computeMetrics(
      rowsFromConfusion(
        [
          [2, 1],
          [0, 0],
        ],
        labels,
      ),
      labels,
    );
    const t = texts(confusionMatrixSvg(m));
    expect(t.filter((s) => s === '–')).toHaveLength(2);
    expect(t.join(' ')).not.toMatch(/NaN/);
  });

  it('escapes label text', () => {
    const labels = ['a<b', 'c&d'];
    const m = computeMetrics(
      rowsFromConfusion(
        [
          [1, 0],
          [0, 1],
        ],
        labels,
      ),
      labels,
    );
    const out = confusionMatrixSvg(m, { title: '"quoted" & <tagged>' });
    expect(out).toContain('a&lt;b');
    expect(out).toContain('c&amp;d');
    expect(out).not.toContain('<tagged>');
    expect(() => new Resvg(out)).not.toThrow();
  });
});
