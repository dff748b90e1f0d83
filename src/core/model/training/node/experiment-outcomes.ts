// What an experiment's trainings gave: held-out predictions, curves, the model to keep and the totals.
import type { PredictionRow } from '../../../metrics/index.js';
import type { ExperimentClip, FoldCurve } from './experiment-types.js';
import type { PlannedFold } from '../folds.js';
import type { InputNorm } from '../../input-norm.js';
import type { LayersModel } from '../../tf.js';
import type { TrainTask, TrainTaskOutcome } from '../train-task.js';
import { argMax } from '../../inference/window-predictions.js';

/** A fold's held-out clips with what its model predicted, in its test order. */
export function heldOutPredictions(
  fold: PlannedFold,
  probs: readonly Float32Array[],
  clips: readonly ExperimentClip[],
  labels: readonly string[],
): PredictionRow[] {
  return fold.test.map((i, n): PredictionRow => {
    const p = Array.from(probs[n]);
    const top = argMax(p);
    return {
      file: clips[i].file,
      clipId: clips[i].id,
      speaker: clips[i].speaker,
      label: clips[i].label,
      predicted: labels[top],
      confidence: p[top],
      probs: p,
      fold: fold.fold === 'final' ? undefined : fold.fold,
    };
  });
}

export interface PooledOutcomes {
  curves: FoldCurve[];
  kept: { model: LayersModel; norm: InputNorm } | null;
  cancelled: boolean;
  trainSeconds: number;
  clipsSeen: number;
}

/**
 * The trainings' outcomes pooled in plan order, whatever order they finished in: their curves and totals,
 * and the one model to keep (every other is disposed). A missing outcome is a training a cancel kept
 * from starting.
 */
export function poolOutcomes(
  outcomes: ReadonlyArray<TrainTaskOutcome | null>,
  plan: readonly PlannedFold[],
  list: readonly TrainTask[],
): PooledOutcomes {
  const pooled: PooledOutcomes = { curves: [], kept: null, cancelled: false, trainSeconds: 0, clipsSeen: 0 };
  for (const [k, outcome] of outcomes.entries()) {
    if (!outcome) {
      pooled.cancelled = true;
      continue;
    }
    const fold = plan[k];
    pooled.trainSeconds += outcome.trainSeconds;
    pooled.clipsSeen += outcome.clipsSeen;
    pooled.cancelled ||= outcome.cancelled;
    pooled.curves.push(curveOf(fold, outcome));
    // The model to keep: the final one, or the only one of a single split; a cancelled run keeps what it has.
    const keep =
      outcome.model !== null &&
      (fold.fold === 'final' || plan.length === 1 || (outcome.cancelled && pooled.kept === null));
    if (keep && outcome.model) {
      pooled.kept?.model.dispose();
      pooled.kept = { model: outcome.model, norm: list[k].plan.norm };
    } else {
      outcome.model?.dispose();
    }
  }
  return pooled;
}

function curveOf(fold: PlannedFold, outcome: TrainTaskOutcome): FoldCurve {
  return {
    fold: fold.fold,
    epochs: outcome.history,
    bestEpoch: outcome.bestEpoch,
    trainClips: fold.train.length,
    valClips: fold.val.length,
    testSpeakers: fold.testSpeakers,
    valKind: fold.valKind,
  };
}

/** The split's warnings, and a word on what a cancel left out. */
export function experimentWarnings(splitWarnings: string[], complete: boolean, cancelled: boolean): string[] {
  return complete
    ? splitWarnings
    : [...splitWarnings, ...(cancelled ? ['cancelled: the scores cover only the folds that finished'] : [])];
}
