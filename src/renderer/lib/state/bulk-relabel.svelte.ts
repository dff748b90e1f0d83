/**
 * A label key pressed on the Clips table relabels the selection. One clip is relabelled at once (and undone
 * with Ctrl+Z); several wait for a confirmation that says how many, so a digit typed by mistake never
 * relabels a whole selection. The bulk bar's buttons are deliberate clicks and need none.
 */
class BulkRelabelState {
  pending = $state.raw<{ label: string | null; count: number } | null>(null);

  /** True when the relabel may go ahead now; false when it waits for `confirm` (or `cancel`). */
  ask(label: string | null, count: number): boolean {
    if (count <= 1) {
      this.pending = null;
      return true;
    }
    this.pending = { label, count };
    return false;
  }

  /** The confirmed label (undefined: nothing was waiting). */
  confirm(): string | null | undefined {
    const waiting = this.pending;
    this.pending = null;
    return waiting ? waiting.label : undefined;
  }

  cancel(): void {
    this.pending = null;
  }
}

export const bulkRelabel = new BulkRelabelState();
