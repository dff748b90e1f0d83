// What an experiment's trainings do, as the TrainEmitter's progress, epoch and message events.
import type { EpochRecord, PoolProgress, TrainProgress } from '../../../../common/contract.js';
import type { TrainConfig } from '../../config.js';
import type { PlannedFold } from '../folds.js';
import type { TrainEmitter } from '../train-events.js';
import { batchSlices, type BatchProgress, type EpochStats } from '../train-loop.js';
import type { PoolState } from './train-pool.js';
import type { PredictionRow } from '../../../metrics/index.js';

type ValScores = Pick<TrainProgress, 'valLoss' | 'valAccuracy' | 'valMacroF1'>;
type ProgressBase = Omit<
  TrainProgress,
  'epoch' | 'batch' | 'batches' | 'loss' | 'accuracy' | 'lr' | 'clipsPerS' | 'etaS'
>;

/**
 * Turns the events of an experiment's trainings (k is a training's place in the plan) into TrainProgress,
 * EpochRecord and messages for the emitter, in the manner of a tfjs callback: one object with onBatch,
 * onEpoch, onEvaluate... It holds the ETA state: the batches each training has done so far, whose sum
 * over the elapsed time gives one ETA for the whole run, whatever runs side by side.
 */
export class ExperimentReporter {
  private readonly started = performance.now();
  private readonly batchesPerEpoch: number[];
  private readonly plannedBatches: number;
  private readonly batchesDone: number[];
  private readonly lastVal: ValScores[];
  private readonly lastEpoch: number[];
  private pool: PoolProgress | undefined;
  /** Evaluation folds (the final model is not one). */
  readonly evalFolds: number;

  constructor(
    private readonly plan: readonly PlannedFold[],
    private readonly config: TrainConfig,
    private readonly run: { runId?: number; backend: string; events?: TrainEmitter },
  ) {
    this.evalFolds = plan.filter((f) => f.fold !== 'final').length;
    this.batchesPerEpoch = plan.map((f) => batchSlices(f.train.length, config.batchSize).length);
    this.plannedBatches = this.batchesPerEpoch.reduce((n, b) => n + b * config.epochs, 0);
    this.batchesDone = plan.map(() => 0);
    this.lastVal = plan.map(() => ({ valLoss: null, valAccuracy: null, valMacroF1: null }));
    this.lastEpoch = plan.map(() => 0);
  }

  /** Whether trainings ran side by side in a pool (it reported its state). */
  get pooled(): boolean {
    return this.pool !== undefined;
  }

  /** Seconds since the trainings started. */
  elapsedSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  onState(s: PoolState): void {
    this.pool = {
      jobs: s.jobs,
      running: s.running.map((k) => this.foldNumberOf(k)),
      done: s.done,
      queued: s.queued,
    };
  }

  onNote(text: string): void {
    this.run.events?.emit('message', { level: 'warn', text });
  }

  /** Says what training k trains on and validates with. */
  onStart(k: number): void {
    const fold = this.plan[k];
    const validation =
      fold.valKind === 'none'
        ? 'no validation hold-out (the whole schedule)'
        : `${fold.val.length} validation clips (${fold.valKind === 'speakers' ? `speakers ${fold.valSpeakers.join(', ')}` : 'a random share of the training clips'})`;
    this.run.events?.emit('message', {
      level: 'info',
      text:
        fold.fold === 'final'
          ? `final model on all speakers: ${fold.train.length} training clips, ${validation}`
          : `fold ${this.foldNumberOf(k) + 1}/${this.evalFolds}: test speakers ${fold.testSpeakers.join(', ') || '(mixed)'}, ${fold.train.length} training clips, ${validation}`,
    });
  }

  onBatch(k: number, p: BatchProgress): void {
    this.batchesDone[k] = p.epoch * this.batchesPerEpoch[k] + p.batch + 1;
    this.run.events?.emit('progress', {
      ...this.progressBase(k),
      epoch: p.epoch,
      batch: p.batch,
      batches: p.batches,
      loss: p.loss,
      accuracy: p.accuracy,
      lr: p.lr,
      clipsPerS: p.clipsPerS,
      etaS: this.eta(),
    });
  }

  onEpoch(k: number, e: EpochStats): void {
    this.lastEpoch[k] = e.epoch;
    this.lastVal[k] = { valLoss: e.valLoss, valAccuracy: e.valAccuracy, valMacroF1: e.valMacroF1 };
    const record: EpochRecord = { fold: this.foldNumberOf(k), ...e };
    this.run.events?.emit('epoch', record);
  }

  onEvaluate(k: number): void {
    this.run.events?.emit('progress', {
      ...this.progressBase(k),
      phase: 'evaluating',
      epoch: this.lastEpoch[k],
      batch: 0,
      batches: 0,
      loss: null,
      accuracy: null,
      lr: null,
      clipsPerS: null,
      // One training's evaluation is a pause in a single run; in a pool the others go on.
      etaS: this.pool ? this.eta() : null,
    });
  }

  /** Training k is over (early stopping or not): its batches count as done. */
  onDone(k: number): void {
    this.batchesDone[k] = this.batchesPerEpoch[k] * this.config.epochs;
  }

  /** Says how training k's held-out clips did. */
  onHeldOut(k: number, held: readonly PredictionRow[]): void {
    const fold = this.plan[k];
    const right = held.filter((p) => p.predicted === p.label).length;
    this.run.events?.emit('message', {
      level: 'info',
      text: `fold ${this.foldNumberOf(k) + 1}/${this.evalFolds} (${fold.testSpeakers.join(', ') || 'mixed speakers'}): ${right} of ${held.length} held-out clips right (${((100 * right) / held.length).toFixed(1)}%)`,
    });
  }

  /** The fold number shown for training k: the final model comes after the evaluation folds. */
  foldNumberOf(k: number): number {
    return this.plan[k].fold === 'final' ? this.evalFolds : (this.plan[k].fold as number);
  }

  /** Seconds left in the whole run, at the pace of every batch done so far. */
  private eta(): number {
    const done = this.batchesDone.reduce((a, b) => a + b, 0);
    const elapsed = this.elapsedSeconds();
    return (elapsed / Math.max(done, 1)) * Math.max(this.plannedBatches - done, 0);
  }

  private progressBase(k: number): ProgressBase {
    return {
      runId: this.run.runId ?? 0,
      phase: this.plan[k].fold === 'final' ? 'final' : 'training',
      fold: this.foldNumberOf(k),
      folds: this.evalFolds,
      epochs: this.config.epochs,
      ...this.lastVal[k],
      backend: this.run.backend,
      ...(this.pool ? { pool: this.pool } : {}),
    };
  }
}
