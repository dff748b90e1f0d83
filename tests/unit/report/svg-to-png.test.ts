import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/core/metrics/index.js';
import { canRenderText, confusionMatrixSvg, svgToPng } from '../../../src/core/report/node/index.js';
import { rowsFromConfusion } from '../metrics/rows.js';
import { pngSize } from './png.js';

const labels = ['happy', 'sad', 'neutral'];
const svg = confusionMatrixSvg(
  computeMetrics(
    rowsFromConfusion(
      [
        [66, 0, 5],
        [0, 61, 1],
        [5, 3, 71],
      ],
      labels,
    ),
    labels,
  ),
);

describe('svgToPng', () => {
  it('finds a system font (fonts-dejavu-core on Debian); without one the PNG would have no text', () => {
    expect(canRenderText()).toBe(true);
  });

  it('renders the text, not only the cells', () => {
    const withText = svgToPng(svg, 1);
    const withoutText = svgToPng(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''), 1);
    expect(Buffer.compare(withText, withoutText)).not.toBe(0);
    // text adds detail, which costs bytes in a deflated PNG
    expect(withText.byteLength).toBeGreaterThan(withoutText.byteLength * 1.3);
  });

  it('scales by the zoom factor', () => {
    const one = pngSize(svgToPng(svg, 1));
    const two = pngSize(svgToPng(svg, 2));
    expect(two.width).toBe(one.width * 2);
    expect(two.height).toBe(one.height * 2);
  });
});
