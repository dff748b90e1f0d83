import { SvelteMap } from 'svelte/reactivity';
import type { ClipFilter, ClipRow, ClipSort } from '../../../common/contract.js';
import { studio } from './studio.svelte.js';
import { messageOf } from '../util/errors.js';
import { DEFAULT_CLIP_FILTER } from './clip-filter.js';
import { BLIND_SORT, blindSafeFilter, isBlind, sortTellsLabel, visibleRow } from './blind-pass.js';

export const PAGE_SIZE = 200;
const BULK_PAGE = 5000;

/**
 * The clip list as the table and the Review screen see it: a filter and a sort over the whole project,
 * fetched one page at a time as rows come into view (50,000 rows never travel at once). A refresh keeps
 * showing the rows it has while it re-fetches the visible pages, so a relabel doesn't flash the table.
 */
export class ClipsQuery {
  filter = $state.raw<ClipFilter>({ ...DEFAULT_CLIP_FILTER });
  sort = $state<ClipSort>('path');
  desc = $state(false);
  total = $state<number | null>(null);
  error = $state<string | null>(null);
  /** Bumped when the rows change identity (new filter or sort), so views can scroll back to the top. */
  generation = $state(0);
  /** Bumped when a filter is set from outside the filter controls (a "Show them"), so they show it. */
  shown = $state(0);

  readonly #pages = new SvelteMap<number, ClipRow[]>();
  // Bookkeeping of requests, never rendered: plain collections on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #fresh = new Set<number>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #inflight = new Map<number, Promise<void>>();
  #lastRange: [number, number] = [0, PAGE_SIZE];
  #epoch = 0;

  loading = $derived(this.total === null && this.error === null);
  /** The blind pass is on: rows come without names, labels or the model's guess, in an order that tells none. */
  blind = $derived(isBlind(this.filter));

  row(index: number): ClipRow | undefined {
    const row = this.#pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
    return row && visibleRow(row, this.blind);
  }

  /** Makes sure rows start..end (inclusive) are loaded or on their way. */
  ensure(start: number, end: number): void {
    this.#lastRange = [start, end];
    const first = Math.max(0, Math.floor(start / PAGE_SIZE));
    const last = Math.max(first, Math.floor(end / PAGE_SIZE));
    for (let p = first; p <= last; p++) void this.#load(p);
  }

  async rowAt(index: number): Promise<ClipRow | undefined> {
    if (index < 0) return undefined;
    const page = Math.floor(index / PAGE_SIZE);
    // A refresh while the page is on its way throws that answer away (a relabel's refresh, then the
    // dataset.changed one): wait for the newer one, or the row would be the page as it was before, e.g.
    // the clip a blind pass just labelled out of the list.
    let epoch: number;
    do {
      epoch = this.#epoch;
      await this.#load(page);
    } while (epoch !== this.#epoch && !this.#fresh.has(page));
    return this.row(index);
  }

  setFilter(filter: ClipFilter): void {
    this.filter = blindSafeFilter(filter);
    if (this.blind && sortTellsLabel(this.sort)) {
      this.sort = BLIND_SORT;
      this.desc = false;
    }
    this.#reset();
  }

  /** A filter chosen elsewhere than in the filter controls, which then start again from it. */
  showFilter(filter: ClipFilter): void {
    this.setFilter(filter);
    this.shown++;
  }

  /** A new order; in the blind pass one that would tell labels (by label, guess, confidence) is refused. */
  setSort(sort: ClipSort, desc?: boolean): void {
    if (this.blind && sortTellsLabel(sort)) return;
    this.desc = desc ?? (this.sort === sort ? !this.desc : false);
    this.sort = sort;
    this.#reset();
  }

  /** Re-reads the pages in view after the data changed; older pages are fetched again when shown. */
  refresh(): void {
    this.#epoch++;
    this.#fresh.clear();
    this.#inflight.clear();
    const [start, end] = this.#lastRange;
    this.ensure(start, end);
  }

  /** Ids of rows a..b inclusive, fetching what isn't loaded (for shift-click over unseen rows). */
  async idsInRange(a: number, b: number): Promise<number[]> {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    const ids: number[] = [];
    let offset = lo;
    while (offset <= hi) {
      const limit = Math.min(BULK_PAGE, hi - offset + 1);
      const page = await studio.client.request('clips.list', this.#params(offset, limit));
      ids.push(...page.rows.map((r) => r.id));
      if (page.rows.length < limit) break;
      offset += limit;
    }
    return ids;
  }

  /** Every id matching the filter (Ctrl/Cmd+A then a bulk relabel). */
  async allIds(): Promise<number[]> {
    const total = this.total ?? (await studio.client.request('clips.list', this.#params(0, 1))).total;
    return total > 0 ? this.idsInRange(0, total - 1) : [];
  }

  #params(offset: number, limit: number) {
    return { filter: this.filter, sort: this.sort, desc: this.desc, offset, limit };
  }

  #reset(): void {
    this.#epoch++;
    this.#pages.clear();
    this.#fresh.clear();
    this.#inflight.clear();
    this.total = null;
    this.error = null;
    this.generation++;
    this.#lastRange = [0, PAGE_SIZE];
    void this.#load(0);
  }

  #load(page: number): Promise<void> {
    if (this.#fresh.has(page)) return Promise.resolve();
    if (this.total !== null && page * PAGE_SIZE >= Math.max(this.total, 1)) return Promise.resolve();
    const pending = this.#inflight.get(page);
    if (pending) return pending;
    const epoch = this.#epoch;
    const job = this.#fetch(page, epoch).finally(() => {
      if (this.#inflight.get(page) === job) this.#inflight.delete(page);
    });
    this.#inflight.set(page, job);
    return job;
  }

  async #fetch(page: number, epoch: number): Promise<void> {
    try {
      const result = await studio.client.request('clips.list', this.#params(page * PAGE_SIZE, PAGE_SIZE));
      if (epoch !== this.#epoch) return;
      this.#pages.set(page, result.rows);
      this.#fresh.add(page);
      this.total = result.total;
      this.error = null;
    } catch (err) {
      if (epoch === this.#epoch) this.error = messageOf(err);
    }
  }
}

/** The one list Clips and Review share: a filter set on Clips is what Review walks through. */
export const clips = new ClipsQuery();
