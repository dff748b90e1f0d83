import type { ClipDetail } from '../../../common/contract.js';
import { messageOf } from '../util/errors.js';
import { toLabel } from '../util/labels.js';
import { annotator } from './annotator.svelte.js';
import { clips } from './clips-query.svelte.js';
import { studio } from './studio.svelte.js';

/**
 * The clip under review: its position in the shared clip list and its details (history, probabilities).
 * The list is whatever the Clips filter and sort give (`clips`), so Review walks exactly what Clips shows,
 * whatever kinds of filter it has. A request that loses the race to a newer one is dropped, so holding →
 * never shows a stale clip.
 */
class ReviewState {
  index = $state(0);
  detail = $state.raw<ClipDetail | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** After a label key, move on to the next clip (fast first passes over a corpus). */
  autoAdvance = $state(false);
  #ticket = 0;
  /** The list (its filter and sort) `index` counts in; another one makes the position meaningless. */
  #generation = -1;
  /** The id of the row at `index` when it was opened (the details may still be on their way). */
  #rowId: number | null = null;

  get clipId(): number | null {
    return this.detail?.id ?? null;
  }

  /** The filter or sort changed since the clip shown was opened: it may not be in the list any more. */
  get stale(): boolean {
    return this.#generation !== clips.generation;
  }

  /** Coming to Review: the clip in view, or the list's first one if the list changed meanwhile. */
  show(): Promise<void> {
    if (this.stale) return this.open(0);
    if (!this.detail && !this.loading) return this.open(this.index);
    return Promise.resolve();
  }

  async open(index: number): Promise<void> {
    const ticket = ++this.#ticket;
    this.#generation = clips.generation;
    this.loading = true;
    this.error = null;
    try {
      const row = await clips.rowAt(index);
      if (ticket !== this.#ticket) return;
      // The list itself could not be fetched: say so (and keep the clip on screen) rather than show nothing.
      if (!row && clips.error) {
        this.error = clips.error;
        return;
      }
      if (!row) {
        this.detail = null;
        this.#rowId = null;
        this.index = Math.max(0, Math.min(index, (clips.total ?? 1) - 1));
        return;
      }
      this.index = index;
      this.#rowId = row.id;
      const detail = await studio.client.request('clips.get', { id: row.id });
      if (ticket !== this.#ticket) return;
      this.detail = detail;
    } catch (err) {
      if (ticket === this.#ticket) this.error = messageOf(err);
    } finally {
      if (ticket === this.#ticket) this.loading = false;
    }
  }

  /** Makes `ids` the list (so ←/→ walk the clips they came with) and opens `id` among them. */
  async openIds(ids: number[], id: number | null = null): Promise<void> {
    clips.setFilter({ ids });
    let index = 0;
    if (id !== null) {
      try {
        index = Math.max(0, (await clips.allIds()).indexOf(id));
      } catch (err) {
        this.error = messageOf(err);
      }
    }
    await this.open(index);
  }

  /**
   * The clip after this one. A clip that left the list (labelled out of an "Unlabelled" filter, say) has
   * been replaced at its index by the one after it: that one is next, not the one after that.
   */
  async next(): Promise<void> {
    const id = this.#rowId;
    const here = id === null || this.stale ? undefined : await clips.rowAt(this.index).catch(() => undefined);
    const step = here && here.id !== id ? 0 : 1;
    const total = clips.total ?? 0;
    return this.open(Math.min(this.index + step, Math.max(0, total - 1)));
  }

  /** Shows clip `id` after the list changed under it (a segment edit): found in the list, or its recording's. */
  async showClip(id: number, recordingId?: number): Promise<void> {
    clips.refresh();
    const ids = await clips.allIds().catch(() => [] as number[]);
    if (!ids.includes(id) && recordingId !== undefined) return this.walkRecording(id, recordingId);
    await this.open(Math.max(0, ids.indexOf(id)));
  }

  /** The list becomes one recording's segments in time order (their files sort so), opened at `id`. */
  async walkRecording(id: number, recordingId: number): Promise<void> {
    clips.setFilter({ recording: recordingId });
    clips.setSort('path', false);
    const ids = await clips.allIds().catch(() => [] as number[]);
    await this.open(Math.max(0, ids.indexOf(id)));
  }

  prev(): Promise<void> {
    return this.open(Math.max(0, this.index - 1));
  }

  /**
   * The shown clip's details again. A clip being opened brings fresh details of its own; an answer about the
   * clip it replaces would put that one back on screen (in a blind pass, the clip just labelled).
   */
  async reload(): Promise<void> {
    const id = this.clipId;
    if (id === null || this.loading) return;
    const ticket = this.#ticket;
    try {
      const detail = await studio.client.request('clips.get', { id });
      if (ticket === this.#ticket) this.detail = detail;
    } catch (err) {
      if (ticket === this.#ticket) this.error = messageOf(err);
    }
  }

  async setLabel(label: string | null): Promise<void> {
    const id = this.clipId;
    // While the next clip is on its way the one on screen is the one being left (in a blind pass, the one
    // just labelled): a key pressed then must not land on it.
    if (id === null || this.loading) return;
    this.error = null;
    try {
      await studio.client.request('clips.relabel', { ids: [id], label: toLabel(label), ...annotator.param });
      // the label may take the clip out of the filter: re-read the list so the next step sees it
      clips.refresh();
      // In the blind pass a labelled clip leaves the list, and the next one takes its place; file names stay
      // unsaid there (a corpus's names can spell the emotion).
      if (clips.filter.notLabelledBy !== undefined) {
        studio.say(`Labelled ${label ?? 'unlabelled'}`);
        return await this.open(this.index);
      }
      await this.reload();
      studio.say(`${this.detail?.name ?? 'Clip'} labelled ${label ?? 'unlabelled'}`);
      if (this.autoAdvance) await this.next();
    } catch (err) {
      this.error = messageOf(err);
    }
  }
}

export const review = new ReviewState();

/** Ctrl/Cmd+Z anywhere: undo the last relabel (a bulk relabel is one step). */
export async function undoLastRelabel(): Promise<string> {
  const result = await studio.client.request('labels.undo', {});
  const n = result.changed.length;
  const message = n === 0 ? 'Nothing to undo' : `Undid the last relabel (${n} clip${n === 1 ? '' : 's'})`;
  studio.say(message);
  if (n > 0) clips.refresh();
  if (n > 0 && review.clipId !== null && result.changed.some((c) => c.clipId === review.clipId)) {
    await review.reload();
  }
  return message;
}
