import type {
  EpochRecord,
  RunMetrics,
  RunSummary,
  TrainProgress,
  TrainRequest,
} from '../../../common/contract.js';
import { DEFAULT_RECIPE, RECIPE_KINDS, type RecipeKind } from '../../../common/options.js';
import { errorOf, messageOf } from '../util/errors.js';
import { studio } from './studio.svelte.js';

export interface TrainOutcome {
  runId: number;
  status: RunSummary['status'];
  metrics: RunMetrics | null;
  error: string | null;
}

/**
 * The training job as the app sees it, fed by train.* events. It lives outside the Train screen so a run
 * keeps being followed while the user reviews clips.
 */
class TrainingState {
  runId = $state<number | null>(null);
  progress = $state.raw<TrainProgress | null>(null);
  epochs = $state.raw<EpochRecord[]>([]);
  outcome = $state.raw<TrainOutcome | null>(null);
  starting = $state(false);
  cancelling = $state(false);
  error = $state<string | null>(null);
  runs = $state.raw<RunSummary[]>([]);
  runsLoaded = $state(false);
  runsError = $state<string | null>(null);
  /**
   * The stored settings of a run this page did not start (found running at a reload, or started in another
   * window), for the Train form to show instead of its own; null for a run started here.
   */
  runConfig = $state.raw<Record<string, unknown> | null>(null);
  /** The recipe the Train form has chosen (what a run started now would train). */
  formRecipe = $state<RecipeKind>(DEFAULT_RECIPE);
  /** The recipe of the run followed (started here, or its stored settings); null before one. */
  runRecipe = $state<RecipeKind | null>(null);
  /** This page just started a run: the progress card comes into view with focus, once, when it shows. */
  revealPending = $state(false);

  running = $derived(this.runId !== null && this.outcome === null);

  attach(): () => void {
    const client = studio.client;
    const offs = [
      client.on('train.progress', (p) => {
        if (this.runId === null && !this.outcome) {
          this.runId = p.runId;
          void this.#loadConfig(p.runId);
        }
        if (p.runId === this.runId) this.progress = p;
      }),
      client.on('train.epoch', (e) => {
        if (e.runId !== this.runId) return;
        const { runId: _runId, ...record } = e;
        this.epochs = [...this.epochs, record];
      }),
      client.on('train.done', (d) => {
        if (d.runId === this.runId) {
          this.outcome = d;
          this.cancelling = false;
        }
        void this.loadRuns();
        void studio.refresh();
      }),
    ];
    void this.loadRuns().then(() => this.#resume());
    return () => offs.forEach((off) => off());
  }

  async loadRuns(): Promise<void> {
    this.runsError = await errorOf(async () => {
      this.runs = await studio.client.request('runs.list', {});
    });
    this.runsLoaded = true;
  }

  async start(request: TrainRequest): Promise<void> {
    this.starting = true;
    this.error = null;
    try {
      const { runId } = await studio.client.request('train.start', request);
      this.runId = runId;
      this.runConfig = null;
      this.runRecipe = recipeOf(request.recipe);
      this.progress = null;
      this.epochs = [];
      this.outcome = null;
      this.revealPending = true;
      void this.loadRuns();
    } catch (err) {
      this.error = messageOf(err);
    } finally {
      this.starting = false;
    }
  }

  async cancel(): Promise<void> {
    if (this.runId === null) return;
    this.cancelling = true;
    try {
      await studio.client.request('train.cancel', { runId: this.runId });
    } catch (err) {
      this.error = messageOf(err);
      this.cancelling = false;
    }
  }

  /** A run already going when the page opened (a reload, or started from another window): follow it. */
  async #resume(): Promise<void> {
    const running = this.runs.find((r) => r.status === 'running');
    if (!running || this.runId !== null) return;
    this.runId = running.id;
    try {
      const detail = await studio.client.request('runs.get', { id: running.id });
      if (this.runId !== running.id) return;
      this.runConfig = detail.config;
      this.runRecipe = recipeOf(detail.config.recipe);
      if (this.epochs.length === 0) this.epochs = detail.epochs;
    } catch {
      // the live events still arrive; the curves just start from now
    }
  }

  /** The settings of a run another window started, once its first progress event names it. */
  async #loadConfig(runId: number): Promise<void> {
    try {
      const detail = await studio.client.request('runs.get', { id: runId });
      if (this.runId === runId) {
        this.runConfig = detail.config;
        this.runRecipe = recipeOf(detail.config.recipe);
      }
    } catch {
      // the form keeps its own settings; it is read-only while the run goes on either way
    }
  }
}

/** A recipe as a request or stored settings name it; none (or an unknown one) is the engine's default. */
export function recipeOf(value: unknown): RecipeKind {
  return (RECIPE_KINDS as readonly unknown[]).includes(value) ? (value as RecipeKind) : DEFAULT_RECIPE;
}

export const training = new TrainingState();
