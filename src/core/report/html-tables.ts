import { naturalCompare } from '../metrics/index.js';
import type { Metrics } from '../metrics/index.js';
import { meanAndSd } from './fold-summary.js';
import type { FoldSummary } from './fold-summary.js';
import { escapeXml, formatPercent, formatScore } from './format.js';
import type { DatasetSummary } from './types.js';

export const SPEAKER_ROWS_PER_TABLE = 20;

export function perClassTable(metrics: Metrics): string {
  const rows = metrics.labels.map((label) => {
    const s = metrics.per_class[label];
    return `<tr><th scope="row">${escapeXml(label)}</th>${cell(formatScore(s.precision))}${cell(formatScore(s.recall))}${cell(formatScore(s.f1))}${cell(String(s.support))}</tr>`;
  });
  const foot = `<tr><th scope="row">macro average</th>${cell(formatScore(macroPrecision(metrics)))}${cell(formatScore(metrics.uar))}${cell(formatScore(metrics.macro_f1))}${cell(String(metrics.clips))}</tr>`;
  return table(
    ['Class', numeric('Precision'), numeric('Recall'), numeric('F1'), numeric('Support')],
    rows,
    foot,
    'per-class',
  );
}

/** Long speaker lists are cut into several side-by-side tables so 90 speakers don't take four pages. */
export function perSpeakerTables(metrics: Metrics): string {
  const speakers = Object.keys(metrics.per_speaker).sort(naturalCompare);
  const rows = speakers.map((speaker) => {
    const s = metrics.per_speaker[speaker];
    return `<tr><th scope="row">${escapeXml(speaker)}</th><td class="num">${formatScore(s.accuracy)}</td><td class="bar-cell">${bar(s.accuracy)}</td>${cell(String(s.clips))}</tr>`;
  });
  const tables: string[] = [];
  const perTable = Math.ceil(rows.length / Math.ceil(rows.length / SPEAKER_ROWS_PER_TABLE)) || 1;
  for (let i = 0; i < rows.length; i += perTable) {
    tables.push(
      table(
        ['Speaker', numeric('Accuracy'), '', numeric('Clips')],
        rows.slice(i, i + perTable),
        '',
        'per-speaker',
      ),
    );
  }
  return `<div class="side-by-side">${tables.join('')}</div>`;
}

export function perFoldTable(folds: FoldSummary[]): string {
  const rows = folds.map(
    (f) =>
      `<tr><th scope="row">${f.fold}</th><td>${escapeXml(speakerList(f.speakers))}</td>${cell(String(f.metrics.clips))}${cell(formatScore(f.metrics.accuracy))}${cell(formatScore(f.metrics.macro_f1))}${cell(formatScore(f.metrics.uar))}</tr>`,
  );
  const stat = (pick: (m: Metrics) => number) => {
    const { mean, sd } = meanAndSd(folds.map((f) => pick(f.metrics)));
    return cell(`${formatScore(mean)} ± ${formatScore(sd)}`);
  };
  const foot = `<tr><th scope="row" colspan="3">mean ± SD over folds</th>${stat((m) => m.accuracy)}${stat((m) => m.macro_f1)}${stat((m) => m.uar)}</tr>`;
  return table(
    ['Fold', 'Test speakers', numeric('Clips'), numeric('Accuracy'), numeric('Macro F1'), numeric('UAR')],
    rows,
    foot,
    'per-fold',
  );
}

export function datasetTables(dataset: DatasetSummary, labels: string[]): string {
  const facts: Array<[string, string, string]> = [
    ['Name', dataset.name ?? '–', ''],
    ['Clips', String(dataset.clips), ''],
    ['Speakers', String(dataset.speakers), ''],
    ['Fingerprint', dataset.fingerprint ?? '–', 'mono'],
  ];
  const factRows = facts.map(
    ([k, v, cls]) => `<tr><th scope="row">${escapeXml(k)}</th><td class="${cls}">${escapeXml(v)}</td></tr>`,
  );
  const labelNames = [...labels, ...Object.keys(dataset.perLabel).filter((l) => !labels.includes(l))];
  const maxLabel = Math.max(1, ...Object.values(dataset.perLabel));
  const labelRows = labelNames.map((l) => {
    const n = dataset.perLabel[l] ?? 0;
    const note = labels.includes(l) ? '' : ' <span class="muted">(not in the label set)</span>';
    return `<tr><th scope="row">${escapeXml(l)}${note}</th>${cell(String(n))}<td class="bar-cell">${bar(n / maxLabel)}</td></tr>`;
  });
  const speakers = Object.keys(dataset.perSpeaker).sort(naturalCompare);
  const speakerList = speakers
    .map((s) => `<span class="chip">${escapeXml(s)} <b>${dataset.perSpeaker[s]}</b></span>`)
    .join(' ');
  return [
    '<div class="side-by-side">',
    table(['Dataset', ''], factRows, '', 'facts'),
    table(['Label', numeric('Clips'), ''], labelRows, '', 'per-label'),
    '</div>',
    speakers.length > 0
      ? `<p class="chips"><span class="muted">Clips per speaker:</span> ${speakerList}</p>`
      : '',
  ].join('\n');
}

/** Nested config flattened to dotted keys so it reads as one table. */
export function configTable(config: Record<string, unknown>): string {
  const entries = flatten(config);
  if (entries.length === 0) return '<p class="muted">No configuration recorded.</p>';
  const rows = entries.map(
    ([k, v]) =>
      `<tr><th scope="row" class="mono">${escapeXml(k)}</th><td class="mono">${escapeXml(v)}</td></tr>`,
  );
  return table(['Setting', 'Value'], rows, '', 'config');
}

export function flatten(value: Record<string, unknown>, prefix = ''): Array<[string, string]> {
  return Object.entries(value).flatMap(([key, v]): Array<[string, string]> => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) {
      return flatten(v as Record<string, unknown>, path);
    }
    return [[path, typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))]];
  });
}

function speakerList(speakers: string[]): string {
  return speakers.length <= 6
    ? speakers.join(', ')
    : `${speakers.slice(0, 5).join(', ')} +${speakers.length - 5}`;
}

/** Over the same classes as macro F1: those in the truth or the predictions. */
function macroPrecision(metrics: Metrics): number {
  const present = metrics.labels.filter(
    (l, k) => metrics.per_class[l].support > 0 || metrics.confusion.some((r) => r[k] > 0),
  );
  return present.length === 0
    ? 0
    : present.reduce((a, l) => a + metrics.per_class[l].precision, 0) / present.length;
}

function bar(fraction: number): string {
  return `<span class="bar" title="${formatPercent(fraction)}"><span style="width:${(Math.min(1, Math.max(0, fraction)) * 100).toFixed(1)}%"></span></span>`;
}

function cell(text: string): string {
  return `<td class="num">${text}</td>`;
}

/** A column header; numeric columns are right-aligned like their cells. */
interface Header {
  text: string;
  numeric?: boolean;
}

function numeric(text: string): Header {
  return { text, numeric: true };
}

function table(headers: Array<Header | string>, rows: string[], foot: string, cls: string): string {
  const head = headers
    .map((h) => (typeof h === 'string' ? { text: h } : h))
    .map((h) => `<th scope="col"${h.numeric ? ' class="num"' : ''}>${escapeXml(h.text)}</th>`)
    .join('');
  return `<table class="${cls}"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody>${foot ? `<tfoot>${foot}</tfoot>` : ''}</table>`;
}
