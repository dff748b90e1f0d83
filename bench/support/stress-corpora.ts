// Stress variants of the development corpora, for the accuracy harness and the reference script: the same
// recordings, fewer of them, chosen so that speaker standardisation meets what real corpora do to it.
// - skew: three speakers in four keep only their "own" emotion (all its clips) and one clip of each other
//   emotion, as in natural speech where most speakers show one or two emotions; the fourth keeps everything.
// - few: every speaker keeps three clips of each emotion, so a speaker's statistics come from few clips.
// A variant is a folder holding only a manifest.csv whose rows name the shared files by absolute path, so
// nothing is copied and ../shared/reference/ser_reference.py reads it as it reads a corpus folder.
import fs from 'node:fs';
import path from 'node:path';
import { sharedPath } from '../../tests/support/shared-data.js';

export type StressKind = 'skew' | 'few';

export interface ManifestRow {
  file: string;
  label: string;
  speaker: string;
  sha256: string;
}

/** Clips a "few" speaker keeps per emotion. */
export const FEW_PER_LABEL = 3;
/** Clips of each other emotion a skewed speaker keeps. */
export const SKEW_OTHERS = 1;

export function readCorpusManifest(folder: string): ManifestRow[] {
  const text = fs.readFileSync(sharedPath('data', folder, 'manifest.csv'), 'utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const get = (name: string) => cells[cols.indexOf(name)] ?? '';
    return { file: get('file'), label: get('label'), speaker: get('speaker'), sha256: get('sha256') };
  });
}

/**
 * The rows a variant keeps, in manifest order. Choices follow the files' content hashes, so a variant is the
 * same on every machine; a speaker's own emotion is assigned round-robin over the label set in speaker order,
 * so every emotion is some speakers' own.
 */
export function stressRows(
  rows: readonly ManifestRow[],
  labels: readonly string[],
  kind: StressKind,
): ManifestRow[] {
  const inSet = rows.filter((r) => labels.includes(r.label));
  const speakers = [...new Set(inSet.map((r) => r.speaker))].sort();
  const keep = new Set<ManifestRow>();
  speakers.forEach((speaker, i) => {
    const own = labels[i % labels.length];
    for (const label of labels) {
      const clips = inSet
        .filter((r) => r.speaker === speaker && r.label === label)
        .sort((a, b) => a.sha256.localeCompare(b.sha256));
      const skewed = kind === 'skew' && i % 4 !== 3;
      const n = kind === 'few' ? FEW_PER_LABEL : !skewed || label === own ? clips.length : SKEW_OTHERS;
      for (const r of clips.slice(0, n)) keep.add(r);
    }
  });
  return inSet.filter((r) => keep.has(r));
}

/** Writes the variant's manifest.csv (absolute paths) under `root` and returns its folder. */
export function writeStressCorpus(
  root: string,
  folder: string,
  name: string,
  labels: readonly string[],
  kind: StressKind,
): string {
  const dir = path.join(root, name);
  const rows = stressRows(readCorpusManifest(folder), labels, kind);
  const text = [
    'file,label,speaker,sha256',
    ...rows.map((r) => [sharedPath('data', folder, r.file), r.label, r.speaker, r.sha256].join(',')),
  ].join('\n');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'manifest.csv');
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== `${text}\n`)
    fs.writeFileSync(file, `${text}\n`);
  return dir;
}
