import type { RunDetail, RunPrediction } from '../../../common/contract.js';
import { messageOf } from '../util/errors.js';
import { toLabel } from '../util/labels.js';
import { studio } from './studio.svelte.js';
import { training } from './training.svelte.js';

export interface Cell {
  label: string;
  predicted: string;
}

/** The run shown on Evaluate, and the confusion-matrix cell whose clips are listed. */
class EvaluationState {
  runId = $state<number | null>(null);
  detail = $state.raw<RunDetail | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Which score the matrix, the tables and a cell's clips show: a new voice's (the headline) or a known voice's. */
  voice = $state<'new' | 'known'>('new');
  cell = $state.raw<Cell | null>(null);
  cellRows = $state.raw<RunPrediction[]>([]);
  cellLoading = $state(false);
  cellError = $state<string | null>(null);
  /** A cell was just opened: its list comes into view with focus, once, where the user is looking. */
  cellReveal = $state(false);
  #ticket = 0;
  #cellTicket = 0;

  /** Runs with metrics to look at, newest first. */
  evaluable = $derived(training.runs.filter((r) => r.accuracy !== null).sort((a, b) => b.id - a.id));

  select(runId: number): void {
    if (runId === this.runId && this.detail) return;
    this.runId = runId;
    this.cell = null;
    this.cellRows = [];
    void this.load();
  }

  /** On opening the screen: the chosen run, else the model in use, else the newest one with metrics. */
  async ensure(): Promise<void> {
    if (!training.runsLoaded) await training.loadRuns();
    if (this.runId === null) {
      const latest = this.evaluable.find((r) => r.id === studio.model?.runId) ?? this.evaluable[0];
      if (latest) this.select(latest.id);
    } else if (!this.detail || this.detail.id !== this.runId) {
      await this.load();
    }
  }

  async load(): Promise<void> {
    const id = this.runId;
    if (id === null) return;
    const ticket = ++this.#ticket;
    this.loading = true;
    this.error = null;
    try {
      const detail = await studio.client.request('runs.get', { id });
      if (ticket === this.#ticket) this.detail = detail;
    } catch (err) {
      if (ticket === this.#ticket) this.error = messageOf(err);
    } finally {
      if (ticket === this.#ticket) this.loading = false;
    }
  }

  async openCell(cell: Cell): Promise<void> {
    const id = this.runId;
    const label = toLabel(cell.label);
    const predicted = toLabel(cell.predicted);
    if (id === null || !label || !predicted) return;
    const ticket = ++this.#cellTicket;
    this.cell = cell;
    this.cellReveal = true;
    this.cellRows = [];
    this.cellLoading = true;
    this.cellError = null;
    try {
      const rows = await studio.client.request('runs.predictions', {
        id,
        label,
        predicted,
        voice: this.voice,
      });
      if (ticket === this.#cellTicket) this.cellRows = rows;
    } catch (err) {
      if (ticket === this.#cellTicket) this.cellError = messageOf(err);
    } finally {
      if (ticket === this.#cellTicket) this.cellLoading = false;
    }
  }

  /** Shows the other score: the open cell's list would be of the wrong predictions, so it closes. */
  showVoice(voice: 'new' | 'known'): void {
    if (voice === this.voice) return;
    this.voice = voice;
    this.closeCell();
  }

  closeCell(): void {
    this.#cellTicket++;
    this.cellLoading = false;
    this.cell = null;
    this.cellRows = [];
  }
}

export const evaluation = new EvaluationState();
