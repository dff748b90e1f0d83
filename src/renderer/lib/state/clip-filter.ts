import type { ClipFilter, DatasetStats } from '../../../common/contract.js';
import { count, percent } from '../util/format.js';

/**
 * The clips in play until the user says otherwise: those labelled with the project's labels or still
 * unlabelled, and no rejected file. Clips and Review both start from it, so Review never walks a file
 * that cannot be heard or a clip that training leaves out.
 */
export const DEFAULT_CLIP_FILTER: Readonly<ClipFilter> = Object.freeze({ inLabelSet: true, status: 'ok' });

export function isDefaultFilter(filter: ClipFilter): boolean {
  const keys = Object.keys(filter) as Array<keyof ClipFilter>;
  const defaults = Object.keys(DEFAULT_CLIP_FILTER) as Array<keyof ClipFilter>;
  return keys.length === defaults.length && defaults.every((k) => filter[k] === DEFAULT_CLIP_FILTER[k]);
}

/** What a list under `filter` holds, in the words the sidebar uses: "clips" are accepted files only. */
export function itemWord(filter: ClipFilter): { one: string; many: string } {
  if (filter.status === 'ok') return { one: 'clip', many: 'clips' };
  if (filter.status === 'rejected') return { one: 'rejected file', many: 'rejected files' };
  // only clips can have come from a model's evaluation
  if (filter.ids !== undefined) return { one: 'clip', many: 'clips' };
  return { one: 'file', many: 'files' };
}

const quote = (s: string): string => `“${s}”`;

/**
 * The filter in words, one phrase per condition, for Review's "following" line. A condition this function
 * does not know yet (a new filter kind) is still named, by its key, so the line never hides what is in force.
 */
export function describeFilter(filter: ClipFilter, labels: readonly string[]): string[] {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter) as Array<[string, unknown]>) {
    if (value === undefined) continue;
    switch (key) {
      case 'status':
        parts.push(value === 'rejected' ? 'rejected files only' : 'no rejected files');
        break;
      case 'inLabelSet':
        parts.push(
          value
            ? `labels ${labels.length ? labels.join(', ') : '(none set)'} or unlabelled`
            : 'labels outside the label set',
        );
        break;
      case 'label':
        parts.push(`label ${String(value)}`);
        break;
      case 'speaker':
        parts.push(`speaker ${String(value)}`);
        break;
      case 'unlabelled':
        parts.push(value ? 'unlabelled' : 'labelled');
        break;
      case 'disagrees':
        parts.push(value ? 'model disagrees' : 'model agrees');
        break;
      case 'maxConfidence':
        parts.push(`model confidence ≤ ${percent(value as number)}`);
        break;
      case 'search':
        parts.push(`name contains ${quote(String(value))}`);
        break;
      case 'ids':
        parts.push(`${count((value as unknown[]).length, 'clip')} from Evaluate`);
        break;
      case 'notLabelledBy':
        parts.push(`not labelled by ${String(value)} yet (blind pass)`);
        break;
      case 'annotatorsDisagree':
        parts.push(value ? 'annotators disagree' : 'annotators agree');
        break;
      default:
        parts.push(
          value === true ? key : `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
        );
    }
  }
  return parts.length ? parts : ['every clip and rejected file'];
}

/**
 * The name Review gives the clip's audio (its player, waveform and contours are named after it). In the
 * blind pass a file name may spell the emotion (EmoDB's 03a01Fa, a recorded take-001-happy-…), so the
 * audio is only "this clip" there, for a screen reader as much as on screen.
 */
export function audioName(fileName: string, filter: ClipFilter): string {
  return filter.notLabelledBy !== undefined ? 'this clip' : fileName;
}

/** "clip 3 of 12", "rejected file 1 of 4": where Review is in the list it walks. */
export function positionText(index: number, total: number, filter: ClipFilter, queue = false): string {
  const where = `${itemWord(filter).one} ${(index + 1).toLocaleString('en')} of ${total.toLocaleString('en')}`;
  return queue ? `${where} in the review queue` : where;
}

/**
 * The Clips header's count: how many the filter shows out of how many of their kind, and the other kind
 * beside it, with the words and totals the sidebar uses ("9 clips", "1 rejected file").
 */
export function listCountText(
  total: number,
  filter: ClipFilter,
  stats: Pick<DatasetStats, 'clips' | 'rejected'>,
): string {
  const clips = count(stats.clips, 'clip');
  const rejected = count(stats.rejected, 'rejected file');
  const of = (n: number, word: { one: string; many: string }): string =>
    total === n
      ? count(n, word.one, word.many)
      : `${total.toLocaleString('en')} of ${count(n, word.one, word.many)}`;
  const word = itemWord(filter);
  if (filter.status === 'ok')
    return stats.rejected ? `${of(stats.clips, word)} · ${rejected}` : of(stats.clips, word);
  if (filter.status === 'rejected') return `${of(stats.rejected, word)} · ${clips}`;
  if (filter.ids !== undefined) return `${of(stats.clips, word)} · ${rejected}`;
  const files = of(stats.clips + stats.rejected, word);
  return stats.rejected ? `${files} (${clips} + ${rejected})` : files;
}
