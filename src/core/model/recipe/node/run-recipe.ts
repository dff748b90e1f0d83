import type { FixedSpeakerNorm, RecipeKind, SpeakerNormMode } from '../../../../common/options.js';
import { voiceRobustStatistics, type ClassicModel } from '../../../classic/index.js';
import { computeMetrics, type Metrics, type PredictionRow } from '../../../metrics/index.js';
import { skewWarning } from '../../../voice/index.js';
import type { BatchSource } from '../../training/batch-source.js';
import type { FeatureBank } from '../../feature-bank.js';
import {
  runExperiment,
  type ExperimentInput,
  type ExperimentResult,
} from '../../training/node/experiment.js';
import { innerSeed } from '../../training/seeds.js';
import {
  classicRows,
  fitClassicOn,
  skewOf,
  trainingClips,
  usableSpeakerNorm,
  type ClassicData,
} from '../classic-folds.js';
import {
  FIXED_RECIPES,
  foldsOf,
  sidePredictions,
  type ConditionPredictions,
  type FixedRecipe,
  type FoldVoicePlan,
} from '../side-predictions.js';
import { AUTO_FALLBACK } from '../auto-rule.js';
import { chooseSpeakerNorm, type SpeakerNormChoice } from '../speaker-norm-choice.js';
import { VOICE_CONDITIONS, type VoiceCondition } from '../voice-conditions.js';
import type { TrainProgress, VoiceScores } from '../../../../common/contract.js';
import { voiceScoresOf } from '../voice-scores.js';
import { NO_BATCH_NUMBERS } from '../../training/train-events.js';
import { chooseRecipes, type FoldChoice } from './auto-choice.js';

export interface RecipeInput extends Omit<ExperimentInput, 'source'> {
  /** The clips' log-mel, through prepareLogMel. */
  bank: FeatureBank;
  /** Makes the batch source for the bank the CNN trains on (closed when the run ends). */
  sourceFor: (bank: FeatureBank) => Promise<BatchSource>;
}

export interface RecipeResult {
  /** The CNN's own run (its predictions are the CNN's; its model is the final CNN). */
  experiment: ExperimentResult;
  recipe: RecipeKind;
  /** The voice standardisation asked for. */
  speakerNorm: SpeakerNormMode;
  /** What the saved model combines: the recipe, or for 'auto' the choice most folds made. */
  finalRecipe: FixedRecipe;
  /** What the saved model's classic part standardises a known voice with. */
  finalSpeakerNorm: FixedSpeakerNorm;
  /** The recipe's held-out predictions for a new voice (each clip alone): the headline. */
  predictions: PredictionRow[];
  metrics: Metrics | null;
  /** The same clips with their voice known from all of its clips. */
  knownPredictions: PredictionRow[];
  /** Every fixed recipe's held-out predictions under every voice condition, on the same folds. */
  conditions: ConditionPredictions;
  /** The recipe's scores: new voice, known voice and the curve between. */
  voice: VoiceScores | null;
  /** Each fixed recipe's new-voice metrics and both scores, to show side by side. */
  sideMetrics: Record<FixedRecipe, Metrics | null>;
  sideScores: Record<FixedRecipe, VoiceScores | null>;
  /** The classic model trained on every clip (with the final CNN), or null when only folds were run. */
  classicModel: ClassicModel | null;
  /** Per fold, for 'auto': what was chosen and the inner scores that chose it. */
  choices: FoldChoice[];
  /** Per fold: the voice standardisation its classic model used, and how skewed its training speakers were. */
  voiceFolds: Array<FoldVoicePlan & { choice?: SpeakerNormChoice }>;
  /** What the voices did to the run (a confounded corpus). */
  warnings: string[];
}

/**
 * A run as its recipe asks: the CNN over the split's folds (runExperiment), the classic baseline on exactly
 * the same folds, their fusion, and for 'auto' the choice among them made on each fold's training speakers.
 * Every held-out clip is scored as a new voice and as a known one (and between), with no extra training.
 */
export async function runRecipe(input: RecipeInput): Promise<RecipeResult> {
  const source = await input.sourceFor(input.bank);
  try {
    return await runWith(input, { ...input, source });
  } finally {
    await source.close();
  }
}

async function runWith(input: RecipeInput, cnnInput: ExperimentInput): Promise<RecipeResult> {
  const { clips, config } = input;
  const labels = config.labels;
  const experiment = await runExperiment(cnnInput);
  // The classic baseline fits next, on the CNN's folds: a part of its own, which the watchers name.
  if (!experiment.cancelled) input.events?.emit('progress', classicPhase(input));
  const data: ClassicData = {
    rows: classicRows(input.bank),
    speakers: clips.map((c) => c.speaker),
    labels: clips.map((c) => labels.indexOf(c.label)),
    classes: labels.length,
    independentStats: voiceRobustStatistics(input.bank.bins),
  };
  const indexOfClip = new Map(clips.map((c, i) => [c.id, i]));
  const normChoices = new Map<number, SpeakerNormChoice>();
  const speakerNormFor = (fold: number, train: readonly number[]): FixedSpeakerNorm => {
    if (config.speakerNorm !== 'auto') return usableSpeakerNorm(config.speakerNorm, data, train);
    const choice = chooseSpeakerNorm(data, train, innerSeed(config.seed, fold));
    normChoices.set(fold, choice);
    return choice.chosen;
  };
  const { conditions, folds } = sidePredictions({
    cnn: experiment.predictions,
    data,
    labels,
    indexOfClip,
    speakerNormFor,
    runSeed: config.seed,
  });

  let choices: FoldChoice[] = [];
  let finalRecipe: FixedRecipe = config.recipe === 'auto' ? AUTO_FALLBACK : config.recipe;
  let chosen = (_fold: number): FixedRecipe => finalRecipe;
  if (config.recipe === 'auto' && !experiment.cancelled) {
    choices = await chooseRecipes(
      cnnInput,
      data,
      foldsOf(experiment.predictions, indexOfClip),
      speakerNormFor,
    );
    const byFold = new Map(choices.map((c) => [c.fold, c.chosen]));
    chosen = (fold) => byFold.get(fold) ?? AUTO_FALLBACK;
    finalRecipe = majority(
      choices.map((c) => c.chosen),
      FIXED_RECIPES,
      AUTO_FALLBACK,
    );
    for (const c of choices) input.events?.emit('message', { level: 'info', text: describeChoice(c) });
  }
  const recipeConditions = new Map<VoiceCondition, PredictionRow[]>(
    VOICE_CONDITIONS.map((condition) => {
      const side = conditions.get(condition);
      const rows = side ? FIXED_RECIPES.flatMap((r) => side[r].filter((p) => chosen(p.fold ?? 0) === r)) : [];
      rows.sort((a, b) => (indexOfClip.get(a.clipId ?? -1) ?? 0) - (indexOfClip.get(b.clipId ?? -1) ?? 0));
      return [condition, rows];
    }),
  );
  const predictions = recipeConditions.get('new') ?? [];
  const usable = trainingClips(data);
  const finalSpeakerNorm = finalNormOf(config.speakerNorm, folds, data, usable);
  const warnings = voiceWarnings(data, usable, config.speakerNorm);
  for (const w of warnings) input.events?.emit('message', { level: 'warn', text: w });
  return {
    experiment,
    recipe: config.recipe,
    speakerNorm: config.speakerNorm,
    finalRecipe,
    finalSpeakerNorm,
    predictions,
    metrics: predictions.length > 0 ? computeMetrics(predictions, labels) : null,
    knownPredictions: recipeConditions.get('known') ?? [],
    conditions,
    voice: voiceScoresOf(recipeConditions, labels, finalSpeakerNorm),
    sideMetrics: Object.fromEntries(
      FIXED_RECIPES.map((r) => {
        const rows = conditions.get('new')?.[r] ?? [];
        return [r, rows.length > 0 ? computeMetrics(rows, labels) : null];
      }),
    ) as Record<FixedRecipe, Metrics | null>,
    sideScores: Object.fromEntries(
      FIXED_RECIPES.map((r) => [
        r,
        voiceScoresOf(
          new Map(VOICE_CONDITIONS.map((c) => [c, conditions.get(c)?.[r] ?? []])),
          labels,
          r === 'cnn' ? 'none' : finalSpeakerNorm,
        ),
      ]),
    ) as Record<FixedRecipe, VoiceScores | null>,
    classicModel: experiment.model ? fitClassicOn(data, usable, finalSpeakerNorm) : null,
    choices,
    voiceFolds: folds.map((f) => ({
      ...f,
      ...(normChoices.has(f.fold) ? { choice: normChoices.get(f.fold) } : {}),
    })),
    warnings,
  };
}

/** The progress event that starts the classic baseline's part: its fits on every fold, then on every clip. */
function classicPhase(input: RecipeInput): TrainProgress {
  return {
    runId: input.runId ?? 0,
    phase: 'classic',
    fold: 0,
    folds: 1,
    ...NO_BATCH_NUMBERS,
    epochs: input.config.epochs,
    etaS: null,
    backend: input.backend,
    message: 'the classic baseline: statistics of every clip, then a logistic regression per fold',
  };
}

/** The saved model's mode: auto's most frequent fold choice, else the one asked for, none where confounded. */
function finalNormOf(
  requested: SpeakerNormMode,
  folds: readonly FoldVoicePlan[],
  data: ClassicData,
  usable: readonly number[],
): FixedSpeakerNorm {
  if (requested !== 'auto') return usableSpeakerNorm(requested, data, usable);
  if (skewOf(data, usable).confounded) return 'none';
  const modes = folds.map((f) => f.speakerNorm);
  return majority(modes, [...new Set(modes)], modes[0] ?? 'none');
}

function voiceWarnings(data: ClassicData, usable: readonly number[], requested: SpeakerNormMode): string[] {
  const skew = skewOf(data, usable);
  return skew.confounded && requested !== 'none' ? [skewWarning(skew)] : [];
}

/** The most frequent of `chosen`; ties go to `fallback`. */
function majority<T extends string>(chosen: readonly T[], candidates: readonly T[], fallback: T): T {
  if (chosen.length === 0) return fallback;
  const counts = new Map<T, number>();
  for (const c of chosen) counts.set(c, (counts.get(c) ?? 0) + 1);
  return candidates.reduce(
    (best, r) => ((counts.get(r) ?? 0) > (counts.get(best) ?? 0) ? r : best),
    fallback,
  );
}

function describeChoice(c: FoldChoice): string {
  const scores = c.inner
    ? FIXED_RECIPES.map((r) => `${r} ${(c.inner as Record<FixedRecipe, number>)[r].toFixed(3)}`).join(', ')
    : c.reason;
  return `fold ${c.fold + 1} (${c.testSpeakers.join(', ')}): recipe ${c.chosen} (${scores})`;
}
