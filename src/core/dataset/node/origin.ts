import path from 'node:path';
import { canonicalLabel } from '../labels.js';
import { matchConvention, UNKNOWN_SPEAKER, type CorpusName } from '../conventions.js';

export { UNKNOWN_SPEAKER };
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

/** Where a file stands: its name, the import's folders between the root and it, and its corpus convention. */
interface Place {
  file: string;
  root: string;
  /** Outside the root (a manifest may list such a file). */
  outside: boolean;
  /** Folders inside the import, nearest first. */
  innerFolders: string[];
  convention: ReturnType<typeof matchConvention>;
}

type LabelFound = Pick<ClipOrigin, 'label' | 'labelSource' | 'unknownLabel'>;

function labelOf(place: Place, manifest?: ManifestEntry): LabelFound {
  const none: LabelFound = { label: null, labelSource: null, unknownLabel: null };
  const fromManifest = manifest?.label ? canonicalLabel(manifest.label) : undefined;
  if (manifest?.label && !fromManifest) {
    // Stored as written, a typo or a stray cell would become a class of its own: the clip stays unlabelled.
    const word = manifest.label.trim();
    const shown = word.length > SHOWN_LABEL_CHARS ? `${word.slice(0, SHOWN_LABEL_CHARS)}…` : word;
    return { ...none, unknownLabel: shown };
  }
  if (fromManifest) return { ...none, label: fromManifest, labelSource: 'manifest' };
  if (place.convention) return { ...none, label: place.convention.label, labelSource: 'convention' };
  // Parent, then grandparent, so both label/speaker/ and speaker/label/ layouts work.
  // A file outside the root (a manifest may list one) has only its own folder to go by.
  const { file, root, outside } = place;
  const candidates = outside ? [path.basename(path.dirname(file))] : place.innerFolders.slice(0, 2);
  if (!outside && candidates.length < 2) candidates.push(path.basename(root));
  const fromFolder = candidates.map((name) => canonicalLabel(name)).find((l) => l !== undefined);
  return fromFolder ? { ...none, label: fromFolder, labelSource: 'folder' } : none;
}

function speakerOf(place: Place, manifest?: ManifestEntry): Pick<ClipOrigin, 'speaker' | 'speakerSource'> {
  if (manifest?.speaker) return { speaker: manifest.speaker, speakerSource: 'manifest' };
  if (place.convention) return { speaker: place.convention.speaker, speakerSource: 'convention' };
  // The nearest folder inside the import that isn't itself a label word.
  const folder = place.innerFolders.slice(0, 2).find((name) => canonicalLabel(name) === undefined);
  return folder
    ? { speaker: folder, speakerSource: 'folder' }
    : { speaker: UNKNOWN_SPEAKER, speakerSource: null };
}

/**
 * Label and speaker of a file, by precedence: the manifest, the corpus naming conventions, the folder names,
 * else unlabelled / unknown. `root` is the folder the import started from (a manifest's own folder for a
 * manifest); folders above it say nothing about the clip, except the root's own name as a label
 * (importing `.../happy/` labels its files happy).
 */
export function resolveOrigin(file: string, root: string, manifest?: ManifestEntry): ClipOrigin {
  const inside = path.relative(root, path.dirname(file));
  const outside = inside.startsWith('..') || path.isAbsolute(inside);
  const place: Place = {
    file,
    root,
    outside,
    innerFolders: inside === '' || outside ? [] : inside.split(path.sep).reverse(),
    convention: matchConvention(path.basename(file, path.extname(file)), path.basename(path.dirname(file))),
  };
  const found = labelOf(place, manifest);
  return {
    label: found.label,
    labelSource: found.labelSource,
    ...speakerOf(place, manifest),
    corpus: place.convention?.corpus ?? null,
    split: manifest?.split ?? null,
    unknownLabel: found.unknownLabel,
    intended:
      (manifest?.intended ? canonicalLabel(manifest.intended) : undefined) ??
      (found.labelSource === 'convention' ? found.label : null),
    annotations: Object.entries(manifest?.annotations ?? {}).flatMap(([annotator, word]) => {
      const l = canonicalLabel(word);
      return l ? [{ annotator, label: l }] : [];
    }),
  };
}
