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

/** Data to pixels, and the ranges the axes show. */
interface Scales {
  sx: (x: number) => number;
  sy: (y: number) => number;
  x: [number, number];
  y: [number, number];
  plotW: number;
  plotH: number;
}

function scalesOf(
  series: readonly ChartSeries[],
  opts: LineChartOptions,
  width: number,
  height: number,
): Scales {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const plotW = width - M.left - M.right;
  const plotH = height - M.top - M.bottom;
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const [yMin, yMax] = opts.yDomain ?? [Math.min(0, ...ys), Math.max(...ys) * 1.05 || 1];
  return {
    sx: (x) => M.left + (xMax === xMin ? plotW / 2 : ((x - xMin) / (xMax - xMin)) * plotW),
    sy: (y) => M.top + plotH - ((Math.min(yMax, Math.max(yMin, y)) - yMin) / (yMax - yMin)) * plotH,
    x: [xMin, xMax],
    y: [yMin, yMax],
    plotW,
    plotH,
  };
}

/** Grid lines and ticks, the x axis and its title, and the marker if any. */
function axesSvg(s: Scales, opts: LineChartOptions, height: number): string[] {
  const { sx, sy, plotW, plotH } = s;
  const parts: string[] = [];
  for (const t of niceTicks(s.y[0], s.y[1], 4)) {
    parts.push(
      `<line x1="${M.left}" y1="${num(sy(t))}" x2="${M.left + plotW}" y2="${num(sy(t))}" stroke="currentColor" stroke-opacity="0.15"/>`,
      `<text x="${M.left - 5}" y="${num(sy(t) + 4)}" text-anchor="end" font-size="10" fill="currentColor" opacity="0.75">${formatTick(t)}</text>`,
    );
  }
  for (const t of niceTicks(s.x[0], s.x[1], 5).filter(Number.isInteger)) {
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
  return parts;
}

/** A series as a line; a single point also as a dot. */
function seriesSvg(series: ChartSeries, { sx, sy }: Scales): string[] {
  const dash = series.dash ? ` stroke-dasharray="${series.dash}"` : '';
  const d = series.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${num(sx(x))} ${num(sy(y))}`).join('');
  const parts = [
    `<path d="${d}" fill="none" stroke="${series.colour}" stroke-width="1.8" stroke-linejoin="round"${dash}><title>${escapeXml(series.name)}</title></path>`,
  ];
  if (series.points.length === 1) {
    const [x, y] = series.points[0];
    parts.push(`<circle cx="${num(sx(x))}" cy="${num(sy(y))}" r="2.5" fill="${series.colour}"/>`);
  }
  return parts;
}

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
  const scales = scalesOf(series, opts, width, height);
  parts.push(...axesSvg(scales, opts, height), ...series.flatMap((s) => seriesSvg(s, scales)), '</svg>');
  return parts.join('\n');
}
