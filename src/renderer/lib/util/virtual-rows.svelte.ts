import {
  Virtualizer,
  elementScroll,
  observeElementOffset,
  observeElementRect,
  type VirtualItem,
} from '@tanstack/svelte-virtual';

/**
 * TanStack's virtualizer driven by runes (its Svelte adapter is store-based): only the rows in view (plus
 * an overscan) exist in the DOM, whatever the row count.
 */
export class VirtualRows {
  items = $state.raw<VirtualItem[]>([]);
  totalSize = $state(0);
  readonly #v: Virtualizer<HTMLElement, HTMLElement>;
  #el: HTMLElement | null = null;

  constructor(rowHeight: number, overscan = 10) {
    this.#v = new Virtualizer<HTMLElement, HTMLElement>({
      count: 0,
      getScrollElement: () => this.#el,
      estimateSize: () => rowHeight,
      overscan,
      observeElementRect,
      observeElementOffset,
      scrollToFn: elementScroll,
      onChange: () => this.#sync(),
    });
  }

  /** Call from an effect or action once the scroll container exists; returns the cleanup. */
  attach(el: HTMLElement): () => void {
    this.#el = el;
    const cleanup = this.#v._didMount();
    this.#v._willUpdate();
    this.#sync();
    return () => {
      cleanup();
      this.#el = null;
    };
  }

  setCount(count: number): void {
    if (this.#v.options.count === count) return;
    this.#v.setOptions({ ...this.#v.options, count });
    this.#v._willUpdate();
    this.#sync();
  }

  scrollToIndex(index: number, align: 'auto' | 'start' | 'center' | 'end' = 'auto'): void {
    this.#v.scrollToIndex(index, { align });
  }

  scrollToTop(): void {
    this.#v.scrollToOffset(0);
  }

  /** Rows that fit in the viewport (for PageUp/PageDown). */
  pageRows(rowHeight: number): number {
    return Math.max(1, Math.floor((this.#el?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
  }

  #sync(): void {
    this.items = this.#v.getVirtualItems();
    this.totalSize = this.#v.getTotalSize();
  }
}
