import fs from 'node:fs';
import path from 'node:path';
import {
  annotatorKey,
  annotatorNameProblem,
  cleanAnnotatorName,
  shortName,
} from '../../../common/annotator-name.js';
import { errorMessage } from '../../../common/error-message.js';
import { restoreFormula } from '../../util/spreadsheet-cell.js';
import { canonicalLabel } from '../labels.js';
import { formatCsvRow, parseCsv } from '../csv.js';
import type { ManifestEntry } from './origin.js';
import type { Split } from '../types.js';

export const MANIFEST_NAME = 'manifest.csv';
export const MANIFEST_COLUMNS = ['file', 'label', 'speaker', 'split', 'sha256'] as const;
/** The acted emotion's column, and the prefix of one column per annotator (`label:Ann`): a wide format. */
export const INTENDED_COLUMN = 'intended';
export const ANNOTATOR_COLUMN_PREFIX = 'label:';

export class ManifestError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ManifestError';
  }
}

const COLUMN_ALIASES: Record<string, (typeof MANIFEST_COLUMNS)[number]> = {
  file: 'file',
  path: 'file',
  filename: 'file',
  file_name: 'file',
  label: 'label',
  emotion: 'label',
  speaker: 'speaker',
  speaker_id: 'speaker',
  split: 'split',
  partition: 'split',
  sha256: 'sha256',
};

const SPLIT_WORDS: Record<string, Split> = {
  train: 'train',
  training: 'train',
  val: 'val',
  valid: 'val',
  validation: 'val',
  dev: 'val',
  test: 'test',
  testing: 'test',
};

/** A manifest's rows by absolute file path (relative paths are relative to the manifest's folder). */
export type Manifest = Map<string, ManifestEntry>;

export function readManifest(file: string): Manifest {
  return parseManifest(fs.readFileSync(file, 'utf8'), path.dirname(path.resolve(file)), file);
}

export function parseManifest(text: string, baseDir: string, name = MANIFEST_NAME): Manifest {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new ManifestError(name, errorMessage(err));
  }
  if (rows.length === 0)
    throw new ManifestError(name, 'empty manifest: expected a header line file,label[,speaker][,split]');
  const header = rows[0].map((h) => COLUMN_ALIASES[h.trim().toLowerCase()]);
  const col = (name: (typeof MANIFEST_COLUMNS)[number]): number => header.indexOf(name);
  const fileCol = col('file');
  if (fileCol < 0) throw new ManifestError(name, `no "file" column in the header (${rows[0].join(',')})`);
  const [labelCol, speakerCol, splitCol, shaCol] = [
    col('label'),
    col('speaker'),
    col('split'),
    col('sha256'),
  ];
  const intendedCol = rows[0].findIndex((h) => h.trim().toLowerCase() === INTENDED_COLUMN);
  const annotatorCols = annotatorColumns(rows[0], name);
  const manifest: Manifest = new Map();
  rows.slice(1).forEach((row, i) => {
    // A cell our own export guarded against spreadsheets ('=...) reads back as it was.
    const cell = (c: number): string | undefined =>
      c >= 0 ? restoreFormula(row[c]?.trim() ?? '').trim() || undefined : undefined;
    const file = cell(fileCol);
    if (!file) return;
    const splitWord = cell(splitCol);
    const split = splitWord === undefined ? undefined : SPLIT_WORDS[splitWord.toLowerCase()];
    if (splitWord !== undefined && !split) {
      throw new ManifestError(name, `line ${i + 2}: split "${splitWord}" is not one of train, val, test`);
    }
    const sha256 = cell(shaCol)?.toLowerCase();
    if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new ManifestError(name, `line ${i + 2}: "${sha256}" is not a sha256 hex digest`);
    }
    const annotations: Record<string, string> = {};
    const from: Record<string, string> = {};
    for (const col of annotatorCols) {
      const value = cell(col.c);
      if (value === undefined) continue;
      const before = annotations[col.person];
      if (before !== undefined && (canonicalLabel(before) ?? before) !== (canonicalLabel(value) ?? value))
        throw new ManifestError(
          name,
          `line ${i + 2}: label:${shortName(from[col.person])} and label:${shortName(col.heading)} are one annotator (the names differ only in case, spacing or invisible characters) but say ${before} and ${value}`,
        );
      annotations[col.person] ??= value;
      from[col.person] ??= col.heading;
    }
    manifest.set(path.resolve(baseDir, file), {
      label: cell(labelCol),
      speaker: cell(speakerCol),
      split,
      sha256,
      ...(intendedCol >= 0 && cell(intendedCol) !== undefined ? { intended: cell(intendedCol) } : {}),
      ...(annotatorCols.length ? { annotations } : {}),
    });
  });
  return manifest;
}

/**
 * The `label:<name>` columns: each annotator by the one rule of annotator-name.ts, so columns that spell one
 * person's name differently are that person (under the first spelling); a name over the limit is refused.
 */
function annotatorColumns(
  header: readonly string[],
  file: string,
): Array<{ c: number; heading: string; person: string }> {
  const firstSpelling = new Map<string, string>();
  return header.flatMap((h, c) => {
    const cell = restoreFormula(h.trim()).trim();
    if (!cell.toLowerCase().startsWith(ANNOTATOR_COLUMN_PREFIX)) return [];
    const heading = cleanAnnotatorName(cell.slice(ANNOTATOR_COLUMN_PREFIX.length));
    if (heading === '') return []; // "label:" alone names nobody
    const problem = annotatorNameProblem(heading);
    if (problem !== null) throw new ManifestError(file, `column ${c + 1} (label:…): ${problem}`);
    const key = annotatorKey(heading);
    if (!firstSpelling.has(key)) firstSpelling.set(key, heading);
    return [{ c, heading, person: firstSpelling.get(key) as string }];
  });
}

export interface ManifestRow {
  file: string;
  label: string | null;
  speaker: string;
  split: string | null;
  sha256: string | null;
  intended?: string | null;
  /** Each annotator's label, by name. */
  annotations?: Record<string, string>;
}

/**
 * The manifest text. `intended` adds the acted-emotion column and `annotators` one `label:<name>` column each
 * (left out when empty, so a project without them exports the five plain columns).
 */
export function formatManifest(
  rows: Iterable<ManifestRow>,
  opts: { intended?: boolean; annotators?: readonly string[] } = {},
): string {
  const annotators = opts.annotators ?? [];
  const header: string[] = [
    ...MANIFEST_COLUMNS,
    ...(opts.intended ? [INTENDED_COLUMN] : []),
    ...annotators.map((a) => `${ANNOTATOR_COLUMN_PREFIX}${a}`),
  ];
  const lines = [formatCsvRow(header)];
  for (const r of rows) {
    lines.push(
      formatCsvRow([
        r.file,
        r.label,
        r.speaker,
        r.split,
        r.sha256,
        ...(opts.intended ? [r.intended ?? null] : []),
        ...annotators.map((a) => r.annotations?.[a] ?? null),
      ]),
    );
  }
  return lines.join('\n') + '\n';
}
