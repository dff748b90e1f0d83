import { escapeXml, num } from './format.js';
import { formatTick, niceTicks } from './ticks.js';

export interface ChartSeries {
  name: string;
  points: Array<[number, number]>;
  colour: string;
  /** SVG stroke-dasharray, e.g. '5 3' */
  dash?: string;
}

export interface LineChartOptions {
  title: string;
  series: ChartSeries[];
  width?: number;
  height?: number;
  /** Fixed y range, e.g. [0, 1] for accuracy; otherwise from 0 (or the data minimum if negative) to the maximum. */
  yDomain?: [number, number];
  xLabel?: string;
  /** A vertical marker, e.g. the epoch of the kept checkpoint. */
  markX?: { x: number; label: string };
}

const M = { top: 24, right: 12, bottom: 32, left: 44 };

/**
 * A small static line chart. Axes and text use currentColor so the page's light or dark theme
 * colours them; series keep their own colours.
 */
export function lineChartSvg(opts: LineChartOptions): string {
  const width = opts.width ?? 300;
  const height = opts.height ?? 190;
  const series = opts.series
    .map((s) => ({ ...s, points: s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)) }))
    .filter((s) => s.points.length > 0);
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const plotW = width - M.left - M.right;
  const plotH = height - M.top - M.bottom;

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(opts.title)}">`,
    `<text x="${M.left}" y="15" font-size="12" font-weight="bold" fill="currentColor">${escapeXml(opts.title)}</text>`,
  ];
  if (series.length === 0) {
    parts.push(
      `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-size="12" fill="currentColor" opacity="0.6">no data</text>`,
      '</svg>',
    );
    return parts.join('\n');
  }

  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const [yMin, yMax] = opts.yDomain ?? [Math.min(0, ...ys), Math.max(...ys) * 1.05 || 1];
  const sx = (x: number) => M.left + (xMax === xMin ? plotW / 2 : ((x - xMin) / (xMax - xMin)) * plotW);
  const sy = (y: number) =>
    M.top + plotH - ((Math.min(yMax, Math.max(yMin, y)) - yMin) / (yMax - yMin)) * plotH;

  for (const t of niceTicks(yMin, yMax, 4)) {
    parts.push(
      `<line x1="${M.left}" y1="${num(sy(t))}" x2="${M.left + plotW}" y2="${num(sy(t))}" stroke="currentColor" stroke-opacity="0.15"/>`,
      `<text x="${M.left - 5}" y="${num(sy(t) + 4)}" text-anchor="end" font-size="10" fill="currentColor" opacity="0.75">${formatTick(t)}</text>`,
    );
  }
  for (const t of niceTicks(xMin, xMax, 5).filter(Number.isInteger)) {
    parts.push(
      `<text x="${num(sx(t))}" y="${M.top + plotH + 14}" text-anchor="middle" font-size="10" fill="currentColor" opacity="0.75">${formatTick(t)}</text>`,
    );
  }
  parts.push(
    `<line x1="${M.left}" y1="${M.top + plotH}" x2="${M.left + plotW}" y2="${M.top + plotH}" stroke="currentColor" stroke-opacity="0.5"/>`,
    `<text x="${M.left + plotW / 2}" y="${height - 4}" text-anchor="middle" font-size="10" fill="currentColor" opacity="0.75">${escapeXml(opts.xLabel ?? 'epoch')}</text>`,
  );
  if (opts.markX && Number.isFinite(opts.markX.x)) {
    const x = num(sx(opts.markX.x));
    parts.push(
      `<line x1="${x}" y1="${M.top}" x2="${x}" y2="${M.top + plotH}" stroke="currentColor" stroke-opacity="0.45" stroke-dasharray="2 3"/>`,
      `<text x="${x}" y="${M.top - 3}" text-anchor="middle" font-size="9" fill="currentColor" opacity="0.7">${escapeXml(opts.markX.label)}</text>`,
    );
  }
  for (const s of series) {
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    const d = s.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(sx(x))} ${num(sy(y))}`).join('');
    parts.push(
      `<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="1.8" stroke-linejoin="round"${dash}><title>${escapeXml(s.name)}</title></path>`,
    );
    if (s.points.length === 1) {
      const [x, y] = s.points[0];
      parts.push(`<circle cx="${num(sx(x))}" cy="${num(sy(y))}" r="2.5" fill="${s.colour}"/>`);
    }
  }
  parts.push('</svg>');
  return parts.join('\n');
}
