import path from 'node:path';
import { canonicalLabel } from '../labels.js';
import { matchConvention, type CorpusName } from '../conventions.js';
import type { LabelSource, Split } from '../types.js';

/** What a manifest row says about one file; empty cells are absent. */
export interface ManifestEntry {
  label?: string;
  speaker?: string;
  split?: Split;
  sha256?: string;
  /** The acted emotion (the `intended` column). */
  intended?: string;
  /** Each annotator's label, from the `label:<name>` columns. */
  annotations?: Record<string, string>;
}

/** Where a clip's label and speaker come from, decided once at import. */
export interface ClipOrigin {
  label: string | null;
  labelSource: LabelSource | null;
  speaker: string;
  speakerSource: 'manifest' | 'convention' | 'folder' | null;
  corpus: CorpusName | null;
  split: Split | null;
  /** A manifest label that is no emotion word the studio knows: not stored, reported by the import. */
  unknownLabel: string | null;
  /**
   * The acted emotion: a manifest's `intended` column, else a naming convention's label (every corpus the
   * conventions know is acted, so its label is the emotion asked for).
   */
  intended: string | null;
  /** Annotators' labels from a manifest's `label:<name>` columns (emotion words the studio knows only). */
  annotations: Array<{ annotator: string; label: string }>;
}

/** How much of an unknown label the import summary repeats. */
const SHOWN_LABEL_CHARS = 40;

export const UNKNOWN_SPEAKER = 'unknown';

/**
 * Label and speaker of a file, by precedence: the manifest, the corpus naming conventions, the folder names,
 * else unlabelled / unknown. `root` is the folder the import started from (a manifest's own folder for a
 * manifest); folders above it say nothing about the clip, except the root's own name as a label
 * (importing `.../happy/` labels its files happy).
 */
export function resolveOrigin(file: string, root: string, manifest?: ManifestEntry): ClipOrigin {
  const stem = path.basename(file, path.extname(file));
  const inside = path.relative(root, path.dirname(file));
  const outside = inside.startsWith('..') || path.isAbsolute(inside);
  const innerFolders = inside === '' || outside ? [] : inside.split(path.sep).reverse();
  const convention = matchConvention(stem, path.basename(path.dirname(file)));

  let label: string | null = null;
  let labelSource: LabelSource | null = null;
  let unknownLabel: string | null = null;
  const fromManifest = manifest?.label ? canonicalLabel(manifest.label) : undefined;
  if (manifest?.label && !fromManifest) {
    // Stored as written, a typo or a stray cell would become a class of its own: the clip stays unlabelled.
    const word = manifest.label.trim();
    unknownLabel = word.length > SHOWN_LABEL_CHARS ? `${word.slice(0, SHOWN_LABEL_CHARS)}…` : word;
  } else if (fromManifest) {
    label = fromManifest;
    labelSource = 'manifest';
  } else if (convention) {
    label = convention.label;
    labelSource = 'convention';
  } else {
    // Parent, then grandparent, so both label/speaker/ and speaker/label/ layouts work.
    // A file outside the root (a manifest may list one) has only its own folder to go by.
    const candidates = outside ? [path.basename(path.dirname(file))] : innerFolders.slice(0, 2);
    if (!outside && candidates.length < 2) candidates.push(path.basename(root));
    const fromFolder = candidates.map((name) => canonicalLabel(name)).find((l) => l !== undefined);
    if (fromFolder) {
      label = fromFolder;
      labelSource = 'folder';
    }
  }

  let speaker: string | undefined;
  let speakerSource: ClipOrigin['speakerSource'] = null;
  if (manifest?.speaker) {
    speaker = manifest.speaker;
    speakerSource = 'manifest';
  } else if (convention) {
    speaker = convention.speaker;
    speakerSource = 'convention';
  } else {
    // The nearest folder inside the import that isn't itself a label word.
    speaker = innerFolders.slice(0, 2).find((name) => canonicalLabel(name) === undefined);
    if (speaker) speakerSource = 'folder';
  }

  return {
    label,
    labelSource,
    speaker: speaker ?? UNKNOWN_SPEAKER,
    speakerSource,
    corpus: convention?.corpus ?? null,
    split: manifest?.split ?? null,
    unknownLabel,
    intended:
      (manifest?.intended ? canonicalLabel(manifest.intended) : undefined) ??
      (labelSource === 'convention' ? label : null),
    annotations: Object.entries(manifest?.annotations ?? {}).flatMap(([annotator, word]) => {
      const l = canonicalLabel(word);
      return l ? [{ annotator, label: l }] : [];
    }),
  };
}
