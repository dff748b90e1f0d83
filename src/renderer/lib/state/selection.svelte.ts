import { SvelteSet } from 'svelte/reactivity';
import { clips, type ClipsQuery } from './clips-query.svelte.js';

export interface ClickMods {
  shift: boolean;
  toggle: boolean; // Ctrl on Windows/Linux, Cmd on macOS
}

/**
 * Which clips are selected in the table. "All" is kept as a flag (not 50,000 ids) until an action needs the
 * ids; the anchor is the row a shift-click extends from, as in any file manager. A selection belongs to the
 * list it was made in: a new filter or sort empties it, so a bulk relabel never reaches rows out of view
 * (nor "all" of a different list) and a shift-click never extends from a row of the old order.
 */
export class Selection {
  readonly #ids = new SvelteSet<number>();
  #all = $state(false);
  #anchor = $state<number | null>(null);
  /** The list generation (filter and sort) the selection was made in. */
  #made = $state(0);
  /** Extending over rows not loaded yet fetches their ids; this says so meanwhile. */
  busy = $state(false);

  constructor(private readonly query: ClipsQuery) {
    this.#made = query.generation;
  }

  get #current(): boolean {
    return this.#made === this.query.generation;
  }

  get all(): boolean {
    return this.#current && this.#all;
  }

  get anchor(): number | null {
    return this.#current ? this.#anchor : null;
  }

  size(total: number | null): number {
    if (!this.#current) return 0;
    return this.#all ? (total ?? 0) : this.#ids.size;
  }

  has(id: number): boolean {
    return this.#current && (this.#all || this.#ids.has(id));
  }

  clear(): void {
    this.#all = false;
    this.#ids.clear();
    this.#anchor = null;
    this.#made = this.query.generation;
  }

  selectAll(): void {
    this.clear();
    this.#all = true;
  }

  async click(index: number, id: number, mods: ClickMods): Promise<void> {
    if (!this.#current) this.clear();
    if (mods.shift && this.#anchor !== null) {
      this.busy = true;
      try {
        const range = await this.query.idsInRange(this.#anchor, index);
        if (!mods.toggle) this.#ids.clear();
        this.#all = false;
        for (const rid of range) this.#ids.add(rid);
      } finally {
        this.busy = false;
      }
      return;
    }
    if (mods.toggle) {
      if (this.#all) await this.#materialise();
      if (this.#ids.has(id)) this.#ids.delete(id);
      else this.#ids.add(id);
    } else {
      this.#all = false;
      this.#ids.clear();
      this.#ids.add(id);
    }
    this.#anchor = index;
  }

  /** The selected ids, fetched when "all" is selected. */
  async resolve(): Promise<number[]> {
    if (!this.#current) return [];
    return this.#all ? this.query.allIds() : [...this.#ids];
  }

  async #materialise(): Promise<void> {
    const ids = await this.query.allIds();
    this.#all = false;
    this.#ids.clear();
    for (const id of ids) this.#ids.add(id);
  }
}

export const selection = new Selection(clips);
