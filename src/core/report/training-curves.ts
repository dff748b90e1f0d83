import type { FoldSummary } from './fold-summary.js';
import { escapeXml, formatScore } from './format.js';
import { lineChartSvg } from './line-chart-svg.js';
import type { ChartSeries } from './line-chart-svg.js';
import type { EpochPoint, FoldCurves } from './types.js';

/** Colour-blind-safe pair (blue and orange) plus green for the macro F1 line. */
export const CURVE_COLOURS = { train: '#2f6fdb', validation: '#e3701b', macroF1: '#2e9e4f' };
const CHART = { width: 262, height: 172 };

/** One panel per fold (loss and accuracy, train and validation), with a shared legend. */
export function trainingCurvesHtml(curves: FoldCurves[], folds: FoldSummary[]): string {
  const withData = curves.filter((c) => c.epochs.length > 0);
  if (withData.length === 0) return '<p class="muted">No training curves were recorded.</p>';
  const byFold = new Map(folds.map((f) => [f.fold, f]));
  const panels = [...withData]
    .sort(foldOrder)
    .map((c) => panel(c, c.fold === 'final' ? undefined : byFold.get(c.fold)));
  return `${legendHtml(withData)}<div class="curves">${panels.join('\n')}</div>`;
}

function panel(curves: FoldCurves, fold: FoldSummary | undefined): string {
  const e = [...curves.epochs].sort((a, b) => a.epoch - b.epoch);
  const pick = (key: keyof EpochPoint): Array<[number, number]> =>
    e.filter((p) => typeof p[key] === 'number').map((p) => [p.epoch, p[key] as number]);
  const best = bestEpoch(e);
  const mark = best === undefined ? undefined : { x: best, label: 'best' };

  const loss: ChartSeries[] = [
    { name: 'train loss', points: pick('loss'), colour: CURVE_COLOURS.train },
    { name: 'validation loss', points: pick('val_loss'), colour: CURVE_COLOURS.validation, dash: '5 3' },
  ];
  const accuracy: ChartSeries[] = [
    { name: 'train accuracy', points: pick('accuracy'), colour: CURVE_COLOURS.train },
    {
      name: 'validation accuracy',
      points: pick('val_accuracy'),
      colour: CURVE_COLOURS.validation,
      dash: '5 3',
    },
    {
      name: 'validation macro F1',
      points: pick('val_macro_f1'),
      colour: CURVE_COLOURS.macroF1,
      dash: '1.5 2.5',
    },
  ];
  const heading = curves.fold === 'final' ? 'Final model' : `Fold ${curves.fold}`;
  const facts = [`${e.length} epoch${e.length === 1 ? '' : 's'}`, learningRateRange(e)];
  if (fold) {
    facts.unshift(`test speakers ${fold.speakers.join(', ')}`);
    facts.push(`test accuracy ${formatScore(fold.metrics.accuracy)}`);
  }
  return [
    '<div class="panel">',
    `<h3>${escapeXml(heading)}</h3>`,
    `<p class="muted small">${escapeXml(facts.filter(Boolean).join(' · '))}</p>`,
    '<div class="charts">',
    lineChartSvg({ title: 'Loss', series: loss, markX: mark, ...CHART }),
    lineChartSvg({ title: 'Accuracy', series: accuracy, yDomain: [0, 1], markX: mark, ...CHART }),
    '</div></div>',
  ].join('\n');
}

/** The epoch early stopping keeps: lowest validation loss. */
function bestEpoch(epochs: EpochPoint[]): number | undefined {
  let best: EpochPoint | undefined;
  for (const p of epochs) {
    if (
      typeof p.val_loss === 'number' &&
      Number.isFinite(p.val_loss) &&
      (!best || p.val_loss < best.val_loss!)
    ) {
      best = p;
    }
  }
  return best?.epoch;
}

function learningRateRange(epochs: EpochPoint[]): string {
  const lrs = epochs.map((p) => p.lr).filter(Number.isFinite);
  if (lrs.length === 0) return '';
  const first = lrs[0];
  const last = lrs[lrs.length - 1];
  return first === last ? `lr ${formatLr(first)}` : `lr ${formatLr(first)} → ${formatLr(last)}`;
}

function formatLr(lr: number): string {
  return lr.toExponential(1).replace('e-', 'e−');
}

function foldOrder(a: FoldCurves, b: FoldCurves): number {
  if (a.fold === 'final') return b.fold === 'final' ? 0 : 1;
  if (b.fold === 'final') return -1;
  return a.fold - b.fold;
}

function legendHtml(curves: FoldCurves[]): string {
  const has = (key: keyof EpochPoint) => curves.some((c) => c.epochs.some((p) => typeof p[key] === 'number'));
  const item = (label: string, colour: string, dash?: string) =>
    `<span class="legend-item"><svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/></svg>${label}</span>`;
  const items = [item('train', CURVE_COLOURS.train)];
  if (has('val_loss') || has('val_accuracy')) items.push(item('validation', CURVE_COLOURS.validation, '5 3'));
  if (has('val_macro_f1')) items.push(item('validation macro F1', CURVE_COLOURS.macroF1, '1.5 2.5'));
  if (has('val_loss')) {
    items.push('<span class="legend-item muted">vertical line “best”: lowest validation loss</span>');
  }
  return `<p class="legend">${items.join('')}</p>`;
}
