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

/** Where each column is (-1 where absent). */
interface Columns {
  file: number;
  label: number;
  speaker: number;
  split: number;
  sha256: number;
  intended: number;
  annotators: ReturnType<typeof annotatorColumns>;
}

function columnsOf(heading: readonly string[], name: string): Columns {
  const header = heading.map((h) => COLUMN_ALIASES[h.trim().toLowerCase()]);
  const col = (column: (typeof MANIFEST_COLUMNS)[number]): number => header.indexOf(column);
  const file = col('file');
  if (file < 0) throw new ManifestError(name, `no "file" column in the header (${heading.join(',')})`);
  return {
    file,
    label: col('label'),
    speaker: col('speaker'),
    split: col('split'),
    sha256: col('sha256'),
    intended: heading.findIndex((h) => h.trim().toLowerCase() === INTENDED_COLUMN),
    annotators: annotatorColumns(heading, name),
  };
}

type Cell = (column: number) => string | undefined;

/** The row's annotators' labels; two columns of one person must agree. */
function annotationsOf(cell: Cell, columns: Columns, name: string, line: number): Record<string, string> {
  const annotations: Record<string, string> = {};
  const from: Record<string, string> = {};
  for (const col of columns.annotators) {
    const value = cell(col.c);
    if (value === undefined) continue;
    const before = annotations[col.person];
    if (before !== undefined && (canonicalLabel(before) ?? before) !== (canonicalLabel(value) ?? value))
      throw new ManifestError(
        name,
        `line ${line}: label:${shortName(from[col.person])} and label:${shortName(col.heading)} are one annotator (the names differ only in case, spacing or invisible characters) but say ${before} and ${value}`,
      );
    annotations[col.person] ??= value;
    from[col.person] ??= col.heading;
  }
  return annotations;
}

/** One row's entry (its file is given), its split and hash checked. */
function entryOf(cell: Cell, columns: Columns, name: string, line: number): ManifestEntry {
  const splitWord = cell(columns.split);
  const split = splitWord === undefined ? undefined : SPLIT_WORDS[splitWord.toLowerCase()];
  if (splitWord !== undefined && !split)
    throw new ManifestError(name, `line ${line}: split "${splitWord}" is not one of train, val, test`);
  const sha256 = cell(columns.sha256)?.toLowerCase();
  if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256))
    throw new ManifestError(name, `line ${line}: "${sha256}" is not a sha256 hex digest`);
  const annotations = annotationsOf(cell, columns, name, line);
  const intended = columns.intended >= 0 ? cell(columns.intended) : undefined;
  return {
    label: cell(columns.label),
    speaker: cell(columns.speaker),
    split,
    sha256,
    ...(intended !== undefined ? { intended } : {}),
    ...(columns.annotators.length ? { annotations } : {}),
  };
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
  const columns = columnsOf(rows[0], name);
  const manifest: Manifest = new Map();
  rows.slice(1).forEach((row, i) => {
    // A cell our own export guarded against spreadsheets ('=...) reads back as it was.
    const cell: Cell = (c) => (c >= 0 ? restoreFormula(row[c]?.trim() ?? '').trim() || undefined : undefined);
    const file = cell(columns.file);
    if (file) manifest.set(path.resolve(baseDir, file), entryOf(cell, columns, name, i + 2));
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
