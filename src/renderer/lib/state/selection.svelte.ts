import { SvelteSet } from 'svelte/reactivity';
import { clips, type ClipsQuery } from './clips-query.svelte.js';

export interface ClickMods {
  shift: boolean;
  toggle: boolean; // Ctrl on Windows/Linux, Cmd on macOS
}

/**
 * Which clips are selected in the table. "All" is kept as a flag (not 50,000 ids) until an action needs the
 * ids; the anchor is the row a shift-click extends from, as in any file manager.
 */
export class Selection {
  readonly ids = new SvelteSet<number>();
  all = $state(false);
  anchor = $state<number | null>(null);
  /** Extending over rows not loaded yet fetches their ids; this says so meanwhile. */
  busy = $state(false);

  constructor(private readonly query: ClipsQuery) {}

  size(total: number | null): number {
    return this.all ? (total ?? 0) : this.ids.size;
  }

  has(id: number): boolean {
    return this.all || this.ids.has(id);
  }

  clear(): void {
    this.all = false;
    this.ids.clear();
    this.anchor = null;
  }

  selectAll(): void {
    this.ids.clear();
    this.all = true;
  }

  async click(index: number, id: number, mods: ClickMods): Promise<void> {
    if (mods.shift && this.anchor !== null) {
      this.busy = true;
      try {
        const range = await this.query.idsInRange(this.anchor, index);
        if (!mods.toggle) this.ids.clear();
        this.all = false;
        for (const rid of range) this.ids.add(rid);
      } finally {
        this.busy = false;
      }
      return;
    }
    if (mods.toggle) {
      if (this.all) await this.#materialise();
      if (this.ids.has(id)) this.ids.delete(id);
      else this.ids.add(id);
    } else {
      this.all = false;
      this.ids.clear();
      this.ids.add(id);
    }
    this.anchor = index;
  }

  /** The selected ids, fetched when "all" is selected. */
  async resolve(): Promise<number[]> {
    return this.all ? this.query.allIds() : [...this.ids];
  }

  async #materialise(): Promise<void> {
    const ids = await this.query.allIds();
    this.all = false;
    this.ids.clear();
    for (const id of ids) this.ids.add(id);
  }
}

export const selection = new Selection(clips);
