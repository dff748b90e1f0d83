import { toLabel } from '../util/labels.js';
import { annotator } from './annotator.svelte.js';
import { clips } from './clips-query.svelte.js';
import { selection } from './selection.svelte.js';
import { studio } from './studio.svelte.js';

/** Bulk relabel of the table's selection: one request, one undo step. */
export async function relabelSelection(label: string | null): Promise<number> {
  const ids = await selection.resolve();
  if (ids.length === 0) return 0;
  const { changed } = await studio.client.request('clips.relabel', {
    ids,
    label: toLabel(label),
    ...annotator.param,
  });
  clips.refresh();
  void studio.refresh();
  studio.say(`${changed} clip${changed === 1 ? '' : 's'} labelled ${label ?? 'unlabelled'} (Ctrl+Z undoes)`);
  return changed;
}
