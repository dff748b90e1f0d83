import type { Metrics } from '../metrics/index.js';
import { cellColour, cellScale, scaleStops, textColourOn, type CellScale } from './colour-scale.js';
import { escapeXml, formatPercent, num, textWidth, truncate } from './format.js';
import { SVG_FONT } from './svg-font.js';

const CELL = 78;
const PAD = 16;
const LABEL_SIZE = 13;
const MAX_LABEL_CHARS = 18;
const AXIS_TITLE = 26;
const SUPPORT_COLUMN = 58;
const LEGEND = 76;
const INK = '#222222';
const MUTED = '#666666';
const ZERO_INK = '#9aa3ad';

/**
 * The confusion matrix as a standalone SVG: each cell shows its count and row percentage and is
 * coloured by the row percentage, so classes of different sizes compare at a glance; the diagonal (correct)
 * and the errors are on two colour scales, as on the Evaluate screen, so a large error never looks like success.
 * It carries its own white background so the PNG and a dark-mode page both show it as a figure.
 */
export function confusionMatrixSvg(metrics: Metrics, opts: { title?: string } = {}): string {
  const labels = metrics.labels.map((l) => truncate(l, MAX_LABEL_CHARS));
  const n = labels.length;
  const labelWidth = Math.max(...labels.map((l) => textWidth(l, LABEL_SIZE)));
  const rotate = labelWidth > CELL - 8;
  const columnLabelHeight = rotate ? labelWidth * Math.sin(Math.PI / 4.5) + 22 : 24;

  const titleHeight = opts.title ? 30 : 0;
  const x0 = PAD + AXIS_TITLE + labelWidth + 10;
  const y0 = PAD + titleHeight + 20;
  const size = n * CELL;
  const width = Math.ceil(x0 + size + SUPPORT_COLUMN + LEGEND + PAD);
  const height = Math.ceil(y0 + size + columnLabelHeight + 26 + PAD);
  const supports = metrics.confusion.map((row) => row.reduce((a, b) => a + b, 0));

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="cm-title" font-family="${escapeXml(SVG_FONT)}">`,
    `<title id="cm-title">${escapeXml(opts.title ?? 'Confusion matrix')}: rows are true labels, columns predicted labels; cells show count and row percentage, correct ones (the diagonal) on a green scale and errors on an orange-red one</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  );
  if (opts.title) {
    parts.push(
      `<text x="${PAD}" y="${PAD + 18}" font-size="17" font-weight="bold" fill="${INK}">${escapeXml(opts.title)}</text>`,
    );
  }

  parts.push(...rowsSvg(metrics, labels, supports, x0, y0));
  parts.push(`<text x="${x0 + size + 12}" y="${y0 - 8}" font-size="12" fill="${MUTED}">clips</text>`);
  parts.push(...columnLabelsSvg(labels, x0, y0 + size + 18, rotate));

  const predictedY = y0 + size + columnLabelHeight + 14;
  parts.push(
    `<text x="${x0 + size / 2}" y="${num(predictedY)}" text-anchor="middle" font-size="14" font-weight="bold" fill="${INK}">Predicted</text>`,
    `<text transform="translate(${PAD + 14} ${y0 + size / 2}) rotate(-90)" text-anchor="middle" font-size="14" font-weight="bold" fill="${INK}">True</text>`,
    legend(x0 + size + SUPPORT_COLUMN + 6, y0, size),
    '</svg>',
  );
  return parts.join('\n');
}

/** One cell: its count and row percentage, coloured by the row percentage on its scale. */
function cellSvg(
  metrics: Metrics,
  supports: readonly number[],
  t: number,
  p: number,
  at: { x: number; y: number },
): string[] {
  const count = metrics.confusion[t][p];
  const fraction = metrics.confusion_normalised[t][p];
  const fill = cellColour(fraction, t, p);
  // zeros recede so the eye finds the confusions that did happen
  const ink = count === 0 ? ZERO_INK : textColourOn(fill);
  const { x, y } = at;
  const tip = `true ${metrics.labels[t]}, predicted ${metrics.labels[p]}: ${count} (${supports[t] > 0 ? formatPercent(fraction) : 'no clips'})`;
  return [
    `<g><title>${escapeXml(tip)}</title>`,
    `<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="${fill}" data-scale="${cellScale(t, p)}" stroke="#ffffff" stroke-width="2"/>`,
    `<text x="${x + CELL / 2}" y="${y + CELL / 2 - 2}" text-anchor="middle" font-size="17" font-weight="bold" fill="${ink}">${count}</text>`,
    `<text x="${x + CELL / 2}" y="${y + CELL / 2 + 17}" text-anchor="middle" font-size="12" fill="${ink}">${supports[t] > 0 ? formatPercent(fraction) : '–'}</text>`,
    `</g>`,
  ];
}

/** Each true label's row of cells, its name on the left and its clip count on the right. */
function rowsSvg(
  metrics: Metrics,
  labels: readonly string[],
  supports: readonly number[],
  x0: number,
  y0: number,
): string[] {
  const size = labels.length * CELL;
  return metrics.confusion.flatMap((row, t) => {
    const y = y0 + t * CELL;
    return [
      ...row.flatMap((_, p) => cellSvg(metrics, supports, t, p, { x: x0 + p * CELL, y })),
      `<text x="${x0 - 10}" y="${y + CELL / 2 + 5}" text-anchor="end" font-size="${LABEL_SIZE}" fill="${INK}">${escapeXml(labels[t])}</text>`,
      `<text x="${x0 + size + 12}" y="${y + CELL / 2 + 5}" font-size="12" fill="${MUTED}">${supports[t]}</text>`,
    ];
  });
}

/** The predicted labels under the columns, slanted where they are wider than a cell. */
function columnLabelsSvg(labels: readonly string[], x0: number, labelY: number, rotate: boolean): string[] {
  return labels.map((label, p) => {
    const cx = x0 + p * CELL + CELL / 2;
    return rotate
      ? `<text x="${num(cx + 4)}" y="${labelY}" text-anchor="end" transform="rotate(-40 ${num(cx + 4)} ${labelY})" font-size="${LABEL_SIZE}" fill="${INK}">${escapeXml(label)}</text>`
      : `<text x="${cx}" y="${labelY}" text-anchor="middle" font-size="${LABEL_SIZE}" fill="${INK}">${escapeXml(label)}</text>`;
  });
}

/** The two colour bars, correct (top) and errors (bottom), each from 0% (bottom) to 100% (top) of the row. */
function legend(x: number, y: number, height: number): string {
  const gap = 22;
  const bar = (height - gap) / 2;
  return [
    `<text x="${x}" y="${y - 8}" font-size="12" fill="${MUTED}">row %</text>`,
    legendBar('correct', 'correct', x, y + 20, bar - 20),
    legendBar('error', 'errors', x, y + bar + gap + 20, bar - 20),
  ].join('\n');
}

function legendBar(scale: CellScale, title: string, x: number, y: number, height: number): string {
  const stops = scaleStops(scale)
    .map(([offset, colour]) => `<stop offset="${num(1 - offset)}" stop-color="${colour}"/>`)
    .reverse()
    .join('');
  const ticks = [0, 0.5, 1]
    .map((f) => {
      const ty = y + height * (1 - f);
      return (
        `<line x1="${x + 14}" y1="${num(ty)}" x2="${x + 18}" y2="${num(ty)}" stroke="${MUTED}"/>` +
        `<text x="${x + 21}" y="${num(ty + 4)}" font-size="11" fill="${MUTED}">${f * 100}%</text>`
      );
    })
    .join('');
  return [
    `<defs><linearGradient id="cm-scale-${scale}" x1="0" y1="0" x2="0" y2="1">${stops}</linearGradient></defs>`,
    `<text x="${x}" y="${num(y - 6)}" font-size="11" font-weight="bold" fill="${INK}">${title}</text>`,
    `<rect x="${x}" y="${num(y)}" width="14" height="${num(height)}" fill="url(#cm-scale-${scale})" stroke="#bbbbbb" stroke-width="0.5"/>`,
    ticks,
  ].join('\n');
}
