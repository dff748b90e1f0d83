/**
 * The one typed contract between the renderer and the engine. Electron IPC and the web server both carry
 * exactly these requests and events; params are validated with these schemas at both boundaries.
 */
import { z } from 'zod';
import { annotatorNameProblem, cleanAnnotatorName } from './annotator-name.js';
import { CANONICAL_LABELS } from './labels.js';
import { requestShapeOf } from './training-options.js';
import { TIE_RULES, type FixedSpeakerNorm, type RecipeKind, type TieRuleKind } from './options.js';

export const LabelSchema = z.enum(CANONICAL_LABELS);
const Id = z.number().int().nonnegative();
/** A time in a recording, in seconds (kept to the millisecond by the engine). */
const Seconds = z
  .number()
  .finite()
  .min(0)
  .max(7 * 24 * 3600);
/**
 * The name a person labels under: label events, per-annotator labels and agreement are kept by it. Cleaned
 * by the one rule of annotator-name.ts (the project then matches it to the first spelling it met).
 */
export const AnnotatorSchema = z
  .string()
  .transform(cleanAnnotatorName)
  .superRefine((name, ctx) => {
    const problem = annotatorNameProblem(name);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

// ---------- clips ----------
export const ClipSortSchema = z.enum([
  'path',
  'speaker',
  'duration',
  'label',
  'predicted',
  'confidence',
  'split',
  'imported',
  'review', // the review queue: model disagrees first, then least confident
  'divided', // the disagreement queue: clips whose annotators are most divided first
]);
export type ClipSort = z.infer<typeof ClipSortSchema>;
export const ClipFilterSchema = z
  .object({
    label: LabelSchema.optional(),
    speaker: z.string().max(200).optional(),
    unlabelled: z.boolean().optional(),
    status: z.enum(['ok', 'rejected']).optional(),
    // labelled with one of the project's labels, or not labelled yet: the clips a user labels and trains on
    inLabelSet: z.boolean().optional(),
    disagrees: z.boolean().optional(), // the latest model's prediction differs from the label
    maxConfidence: z.number().min(0).max(1).optional(), // low confidence
    search: z.string().max(500).optional(),
    ids: z.array(Id).max(100_000).optional(),
    notLabelledBy: AnnotatorSchema.optional(), // the blind pass: clips this annotator has not labelled
    annotatorsDisagree: z.boolean().optional(), // clips whose annotators gave different labels
    recording: Id.optional(), // the segments of one long recording
  })
  .strict();
export type ClipFilter = z.infer<typeof ClipFilterSchema>;

export interface ClipRow {
  id: number;
  path: string;
  name: string;
  speaker: string;
  durationS: number;
  label: string | null;
  predicted: string | null;
  confidence: number | null;
  split: string | null;
  status: 'ok' | 'rejected';
  reason: string | null;
}
export interface ClipPage {
  rows: ClipRow[];
  total: number;
  offset: number;
}
export interface LabelEvent {
  id: number;
  oldLabel: string | null;
  newLabel: string | null;
  source: 'import' | 'user' | 'bulk' | 'undo' | 'recorded' | 'segment';
  at: string;
  /** Who made a user's change; null for imports and for changes made without an annotator name. */
  annotator: string | null;
  /** That annotator's own label after the change (the clip's label is their consensus). */
  annotatorLabel: string | null;
  /** A segment edit (or its undo): the clip's stretch of its recording before and after (null: none). */
  segment?: { before: SegmentSpan | null; after: SegmentSpan | null };
}
/** Where a segment lies in its recording; 'removed' once deleted from the recording's segments. */
export interface SegmentSpan {
  startS: number;
  endS: number;
  status: 'ok' | 'removed';
}
export interface ClipDetail extends ClipRow {
  sha256: string;
  format: string;
  sampleRate: number;
  channels: number;
  peak: number;
  rms: number;
  clippedFraction: number;
  silentFraction: number;
  history: LabelEvent[];
  probs: Record<string, number> | null;
  /** False for a rejected file that did not decode as audio: its bytes are never served. */
  playable: boolean;
  /** Each annotator's current label, by name. */
  annotations: Array<{ annotator: string; label: string }>;
  /** The emotion the speaker was asked to act (kept apart from the perceived labels), if known. */
  intendedLabel: string | null;
  /** The annotators tie for the most votes (what the label is then depends on the tie rule). */
  tied: boolean;
  /** For a recorded take: the sentence read, its session and the emotion it was to act; else null. */
  prompt?: string | null;
  sessionId?: number | null;
  /** For a segment of a long recording: the recording and where in it the segment lies. */
  segmentOf?: { recordingId: number; startS: number; endS: number } | null;
}
export interface DatasetStats {
  clips: number;
  rejected: number;
  durationS: number;
  perLabel: Record<string, number>;
  perSpeaker: Record<string, number>;
  perSplit: Record<string, number>;
  unlabelled: number;
}
export interface ProjectInfo {
  dir: string;
  name: string;
  labels: string[];
  canonicalLabels: string[];
  stats: DatasetStats;
  /** The model in use (Predict, the clip table, /api/predict, `ser predict`); null until a run is evaluated. */
  currentModel: CurrentModel | null;
  mode: 'electron' | 'web';
  /** Trainings side by side when the Train form leaves its jobs field empty (cores less one; memory may lower it). */
  defaultJobs: number;
}

// ---------- annotators and agreement ----------
export const TieRuleSchema = z
  .object({ rule: z.enum(TIE_RULES), adjudicator: AnnotatorSchema.nullable().default(null) })
  .strict();
export interface TieRule {
  rule: TieRuleKind;
  /** The annotator whose label breaks a tie under the 'adjudicator' rule. */
  adjudicator: string | null;
}
/** Two annotators over the clips both labelled. */
export interface PairAgreement {
  a: string;
  b: string;
  clips: number;
  observed: number | null;
  kappa: number | null;
  /** confusion[i][j]: clips a labelled labels[i] and b labelled labels[j]. */
  confusion: number[][];
}
export interface ClassAgreement {
  label: string;
  /** The overall method's kappa on "this class or not". */
  kappa: number | null;
  alpha: number | null;
  /** Labels of this class given by any annotator. */
  ratings: number;
}
/** The acted (intended) emotion against what annotators perceived. */
export interface ActedAgreement {
  clips: number;
  /** (clip, annotator) pairs compared. */
  ratings: number;
  observed: number | null;
  /** Cohen's kappa with the intended label as one rater and each perception as the other. */
  kappa: number | null;
  /** Share of clips whose majority perceived label (no tie) is the intended one. */
  majorityObserved: number | null;
  perAnnotator: Array<{ annotator: string; ratings: number; observed: number | null; kappa: number | null }>;
  /** confusion[i][j]: perceptions of labels[j] for clips acted as labels[i]. */
  confusion: number[][];
}
export interface AgreementReport {
  /** Row and column order of every table. */
  labels: string[];
  annotators: Array<{ name: string; clips: number }>;
  /** Clips with at least one annotator's label, and with at least two. */
  clipsAnnotated: number;
  clipsCompared: number;
  clipsDisagreeing: number;
  clipsTied: number;
  /** 'cohen' for two annotators, 'fleiss' for more (on the clips every annotator labelled); null below two. */
  method: 'cohen' | 'fleiss' | null;
  kappa: number | null;
  /** Clips the kappa was computed on. */
  kappaClips: number;
  /** Krippendorff's alpha (nominal) over every clip with two or more labels: missing ratings allowed. */
  alpha: number | null;
  /** Mean pairwise agreement over the clips with two or more labels. */
  observed: number | null;
  perClass: ClassAgreement[];
  /** Every pair of annotators while there are few (MAX_PAIRS); past that, those with the most clips in common. */
  pairs: PairAgreement[];
  /** Pairs of annotators with clips in common that `pairs` leaves out (0 unless there are many annotators). */
  pairsLeftOut: number;
  acted: ActedAgreement | null;
  tieRule: TieRule;
}

// ---------- import ----------
export interface ImportProgress {
  jobId: string;
  done: number;
  total: number;
  file: string;
  added: number;
  rejected: number;
}
/** What one import did, for the CLI's table, the UI's dialog and `--json`. */
export interface ImportSummary {
  source: string;
  /** Files looked at (audio files found, plus files a manifest lists). */
  scanned: number;
  /** New clips (including previously rejected files that now decode). */
  added: number;
  /** Known clips found again at a new path (their old path no longer exists). */
  moved: number;
  /** Known clips at the path they were imported from. */
  unchanged: number;
  /** Known clips whose content, label or split this import changed (the file or the manifest was edited). */
  updated: number;
  /** Files whose content is already in the project at another path that still exists; not added twice. */
  duplicates: number;
  rejected: Array<{ path: string; reason: string; code: string }>;
  /** Good clips of this source by label ('unlabelled' for none), new or already known. */
  perLabel: Record<string, number>;
  perSpeaker: Record<string, number>;
  /** Total duration of the good clips of this source, in seconds. */
  durationS: number;
  elapsedS: number;
  /** True when the import was stopped by its AbortSignal; what was done so far is kept. */
  cancelled: boolean;
  /** Manifest labels that are no emotion word the studio knows, with how many files had each: left unlabelled. */
  unknownLabels?: Record<string, number>;
  /** Long recordings of this source, each kept once and split into utterances (its segments are clips). */
  recordings?: ImportedRecording[];
}

/** A long recording an import met: how it was split, or that the project already had it. */
export interface ImportedRecording {
  path: string;
  recordingId: number;
  durationS: number;
  segments: number;
  /** Where the segments came from: the speech detector, or an annotation file beside the recording. */
  from: 'detector' | 'annotations';
  /** Already in the project (same content): nothing was added. */
  known: boolean;
}

// ---------- training ----------
export { AugmentSchema, SplitSchema } from './training-options.js';
/** A training's settings: one optional field per entry of TRAINING_OPTIONS (training-options.ts). */
export const TrainRequestSchema = z.object(requestShapeOf()).strict();
export type TrainRequest = z.infer<typeof TrainRequestSchema>;

/** What a training will do and about how long it will take, before it starts. */
export interface TrainEstimate {
  /** The split as it will run (decideSplit may change it, e.g. without known speakers). */
  split: string;
  /** Trainings of the run: one per fold, and the final model on every clip. */
  trainings: number;
  /** Trainings 'auto' adds inside the folds to choose the recipe. */
  innerTrainings: number;
  /** Clips times epochs over every training, if none stops early. */
  clipEpochs: number;
  /** Trainings side by side. */
  jobs: number;
  /** The pace assumed for one network: clip-epochs per second. */
  clipsPerS: number;
  /** At most this long, give or take the machine's load (early stopping only shortens it). */
  seconds: number;
  pace: 'measured' | 'typical';
  paceNote: string;
  /** What the labels say before training (speakers who each show one or two emotions: a confound). */
  warnings: string[];
}

export interface TrainProgress {
  runId: number;
  /**
   * 'training', 'evaluating', 'final': the CNN's folds and final model; 'classic': the classic baseline's fits on
   * the same folds, after the CNN's; 'choosing': the trainings 'auto' runs inside each fold to choose its recipe.
   */
  phase: 'features' | 'training' | 'evaluating' | 'final' | 'classic' | 'choosing' | 'report';
  fold: number;
  folds: number;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  loss: number | null;
  accuracy: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
  valMacroF1: number | null;
  lr: number | null;
  clipsPerS: number | null;
  etaS: number | null;
  backend: string;
  message?: string;
  /** With trainings side by side: the folds training now (fold = folds is the final model), done, waiting. */
  pool?: PoolProgress;
  /** Share of the phase done, where the fields above cannot say it ('choosing'). */
  fraction?: number;
}
export interface PoolProgress {
  jobs: number;
  running: number[];
  done: number;
  queued: number;
}
export interface EpochRecord {
  fold: number;
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  valMacroF1: number | null;
  lr: number;
  clipsPerS: number;
}
export interface RunSummary {
  id: number;
  kind: 'train' | 'evaluate';
  status: 'running' | 'done' | 'failed' | 'cancelled';
  createdAt: string;
  finishedAt: string | null;
  labels: string[];
  split: string;
  backend: string | null;
  accuracy: number | null;
  /** Held-out macro F1 of a new voice (each clip alone): the headline. */
  macroF1: number | null;
  /** The same clips with each voice known (null: not measured, in runs made before). */
  knownMacroF1: number | null;
  uar: number | null;
  error: string | null;
  hasModel: boolean;
  hasReport: boolean;
  /** Finished, scored on held-out clips, its model saved: it may be the model in use. */
  evaluated: boolean;
  /** What the saved model combines ('classic', 'fusion', 'cnn'; 'auto (classic)' for auto's choice). */
  recipe: string | null;
}
/**
 * The model in use: the one the user chose (a project setting), else the newest evaluated run. A cancelled
 * or failed run is never current on its own.
 */
export interface CurrentModel {
  runId: number;
  /** The user chose it; else it is the newest evaluated run. */
  chosen: boolean;
  createdAt: string;
  finishedAt: string | null;
  recipe: string | null;
  split: string;
  labels: string[];
  /** Held-out macro F1 of a new voice (the run's headline). */
  macroF1: number;
  accuracy: number;
  /** Both scores and the curve between, so Predict can show the figure that matches each prediction. */
  voice: VoiceScores | null;
  /** Why it may predict poorly (a class it never predicted on held-out clips, macro F1 near chance). */
  warnings: string[];
}
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}
export interface RunMetrics {
  accuracy: number;
  macro_f1: number;
  uar: number;
  labels: string[];
  per_class: Record<string, ClassScores>;
  /** Rows are true labels, columns predicted labels, both in `labels` order. */
  confusion: number[][];
  /** Row fractions (0..1); a row with no support is all 0. */
  confusion_normalised: number[][];
  per_speaker: Record<string, { accuracy: number; clips: number }>;
  clips: number;
  speakers: number;
  /** The recipe's score beside the CNN's, the classic baseline's and their fusion's, on the same folds. */
  comparison?: RecipeComparison;
  /** The training's own warnings (a degenerate split...), as its report got them. */
  split_warnings?: string[];
  /**
   * How the scores were obtained. The metrics above are a new voice's (each held-out clip scored alone, as
   * Predict scores a voice it does not know); `known` are the same clips with their voice known from all of its
   * clips. Absent in runs made before voices were scored both ways (their one score was a known voice's).
   */
  voice?: VoiceScores;
  known?: Omit<RunMetrics, 'comparison' | 'voice' | 'known' | 'split_warnings'>;
}
/** One way of knowing the voice, scored. */
export interface ConditionScore {
  macro_f1: number;
  uar: number;
  accuracy: number;
  /** Held-out clips scored this way. */
  clips: number;
}
/** A point of the adaptation curve: the voice known from `voiceClips` of its other clips (never the scored one). */
export interface AdaptationPoint extends ConditionScore {
  voiceClips: number | 'others';
}
/** The two scores every held-out evaluation gives, and the curve between them. */
export interface VoiceScores {
  /** What a known voice is standardised with ('none': the model uses no voice statistics; both scores agree). */
  speakerNorm: FixedSpeakerNorm;
  /** Each clip alone, against the training population: what Predict gives a voice it does not know. */
  newVoice: ConditionScore;
  /** Each clip with its speaker standardised by all of their clips: a project speaker. */
  knownVoice: ConditionScore;
  curve: AdaptationPoint[];
}

/** One model's held-out scores in a comparison. */
export interface ComparedScores {
  model: Exclude<RecipeKind, 'auto'>;
  macro_f1: number;
  uar: number;
  accuracy: number;
  per_class: Record<string, ClassScores>;
  /** The same model's score with each voice known (absent in runs made before voices were scored both ways). */
  known_macro_f1?: number;
}
/** What 'auto' chose for one fold, and the inner scores (macro F1 per recipe) that chose it. */
export interface RecipeChoice {
  fold: number;
  testSpeakers: string[];
  chosen: Exclude<RecipeKind, 'auto'>;
  inner: Partial<Record<Exclude<RecipeKind, 'auto'>, number>> | null;
  /** Macro F1 per recipe in each inner fold (runs before the every-fold rule have none). */
  innerFolds?: Partial<Record<Exclude<RecipeKind, 'auto'>, number[]>> | null;
  innerSplit: string | null;
  reason: string;
}
export interface RecipeComparison {
  recipe: RecipeKind;
  /** What the saved model combines (for 'auto': the choice most folds made). */
  finalRecipe: Exclude<RecipeKind, 'auto'>;
  /** What a known voice is standardised with (true/false in runs made before the modes). */
  speakerNorm: FixedSpeakerNorm | boolean;
  models: ComparedScores[];
  choices: RecipeChoice[];
}
export interface RunDetail extends RunSummary {
  config: Record<string, unknown>;
  metrics: RunMetrics | null;
  epochs: EpochRecord[];
  /** The warnings its report shows (derived-warnings.ts), computed from what the run recorded. */
  warnings: string[];
  /** How the scores vary between held-out folds (a new voice's), as the report's per-fold table; null: one fold. */
  foldSpread?: FoldSpread | null;
}
/** Mean and sample standard deviation over a run's folds, each fold scored on its own held-out speakers. */
export interface FoldSpread {
  folds: number;
  accuracy: { mean: number; sd: number };
  macro_f1: { mean: number; sd: number };
  uar: { mean: number; sd: number };
}
export interface RunPrediction {
  clipId: number;
  name: string;
  speaker: string;
  label: string;
  predicted: string;
  confidence: number;
}

// ---------- prediction ----------
/** A voice's running statistics (src/core/voice/voice-stats.ts): two vectors whatever its number of clips. */
export const VoiceStatsSchema = z
  .object({
    clips: z.number().int().nonnegative(),
    seconds: z.number().nonnegative().finite(),
    sum: z.array(z.number().finite()).max(4096),
    sumSq: z.array(z.number().finite()).max(4096),
  })
  .strict()
  .refine((v) => v.sum.length === v.sumSq.length, { message: 'sum and sumSq differ in length' });
export type VoiceStatsParams = z.infer<typeof VoiceStatsSchema>;
/**
 * Which statistics of the voice a prediction used: none known ('population': scored as a new voice, as
 * evaluation's new-voice score measured), the voice heard so far ('voice': the microphone, a long recording,
 * clips added for it), a project speaker's clips ('speaker'), or none because the model uses no voice
 * statistics ('unused').
 */
export interface VoiceUse {
  kind: 'population' | 'voice' | 'speaker' | 'unused';
  /** Clips (or heard utterances) of the voice, and their seconds. */
  clips: number;
  seconds: number;
  speaker?: string;
  /** The voice-adapted part's share of the prediction, 0 to 1. */
  weight: number;
  /** In words: "population", "this voice, 38 s of speech", "speaker 03". */
  text: string;
}
export interface PredictionResult {
  label: string;
  confidence: number;
  probs: Record<string, number>;
  windows: number;
  durationS: number;
  runId: number;
  voice: VoiceUse;
  /**
   * The model is a cancelled run's partial one, never measured: used only when a request names that run, and
   * then the answer says so here and in `warnings`. The server always sets both; the in-page scorer, which
   * only uses the model in use, leaves them out.
   */
  partial?: boolean;
  warnings?: string[];
}

/** A long recording of the project: kept once, its utterances clips (segments). */
export interface RecordingSummary {
  id: number;
  /** The file it was imported from (its name). */
  name: string;
  sourcePath: string;
  durationS: number;
  speaker: string;
  segments: number;
}
/** One segment of a recording, as its waveform shows it. */
export interface SegmentInfo {
  clipId: number;
  startS: number;
  endS: number;
  label: string | null;
}
export interface RecordingDetail extends RecordingSummary {
  segmentList: SegmentInfo[];
}
export const INTERCHANGE_FORMAT_NAMES = ['textgrid', 'textgrid-short', 'eaf', 'audacity', 'csv'] as const;

/** One utterance of a long recording scored: the emotion timeline's row. */
export interface TimelineRow {
  start: number;
  end: number;
  label: string;
  confidence: number;
  probs: Record<string, number>;
  /** The voice statistics this row was scored with (the voice heard before it, never the row itself). */
  voice: VoiceUse;
}
/** A long recording read as a timeline of emotions, one row per utterance. */
export interface TimelineResult {
  durationS: number;
  rows: TimelineRow[];
  /** Where the voice heard so far was first used (s), or null when no row used it. */
  voiceFrom: number | null;
  /** How the voice was handled: built up over the recording, a project speaker's, or none (a new voice each). */
  voiceMode: 'recording' | 'speaker' | 'none';
  runId?: number;
  partial?: boolean;
  warnings?: string[];
}

// ---------- recording ----------
/** A session of prompts crossed with emotions, read by one speaker; its takes become clips. */
export interface RecordingSessionSummary {
  id: number;
  speaker: string;
  prompts: string[];
  emotions: string[];
  state: 'active' | 'paused' | 'done';
  /** The first take of the plan (emotion by emotion, every prompt in each) not kept yet; `total` when done. */
  position: number;
  total: number;
  kept: number;
  createdAt: string;
  updatedAt: string;
}
export interface RecordingSessionDetail extends RecordingSessionSummary {
  takes: Array<{ index: number; clipId: number; durationS: number }>;
}
export const RecordStartSchema = z
  .object({
    speaker: z.string().trim().min(1).max(200),
    prompts: z.array(z.string().trim().min(1).max(500)).min(1).max(1000),
    emotions: z.array(LabelSchema).min(1).max(CANONICAL_LABELS.length),
  })
  .strict();

/** Every request the renderer may make: params schema (validated at the boundary) and result type. */
export const requestSchemas = {
  'project.info': z.object({}).strict(),
  'labels.set': z.object({ labels: z.array(LabelSchema).min(2) }).strict(),
  'clips.list': z
    .object({
      filter: ClipFilterSchema.default({}),
      sort: ClipSortSchema.default('path'),
      desc: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(200),
    })
    .strict(),
  'clips.get': z.object({ id: Id }).strict(),
  'clips.relabel': z
    .object({
      ids: z.array(Id).min(1).max(100_000),
      label: LabelSchema.nullable(),
      annotator: AnnotatorSchema.optional(),
    })
    .strict(),
  'labels.undo': z.object({}).strict(),
  'dataset.stats': z.object({}).strict(),
  'agreement.get': z.object({}).strict(),
  'agreement.setTieRule': TieRuleSchema,
  /**
   * `segment` 'auto' (the default, as `ser import`): a file longer than 30 s is a long recording split into
   * utterances (pauses shorter than minSilenceS stay inside one; longer ones are cut past maxSegmentS).
   */
  'import.start': z
    .object({
      source: z.string().min(1).max(4096),
      segment: z.enum(['auto', 'off']).default('auto'),
      minSilenceS: z.number().positive().max(60).optional(),
      maxSegmentS: z.number().positive().max(3600).optional(),
    })
    .strict(),
  'train.start': TrainRequestSchema,
  'train.cancel': z.object({ runId: Id }).strict(),
  'train.estimate': TrainRequestSchema,
  'runs.list': z.object({}).strict(),
  'runs.get': z.object({ id: Id }).strict(),
  /** Chooses the model in use (null: back to the newest evaluated run). */
  'model.choose': z.object({ runId: Id.nullable() }).strict(),
  /** A run's held-out predictions; `voice` 'known': as each clip's voice known scored it (default: a new voice). */
  'runs.predictions': z
    .object({
      id: Id,
      label: LabelSchema.optional(),
      predicted: LabelSchema.optional(),
      voice: z.enum(['new', 'known']).optional(),
    })
    .strict(),
  'report.export': z.object({ runId: Id, dir: z.string().min(1).max(4096).optional() }).strict(),
  /**
   * Scores audio. What is known of its voice: a project `speaker` (that speaker's clips' statistics), or the
   * statistics of the voice heard so far (`voice`, as predict.addToVoice returns them); neither: a new voice.
   */
  'predict.audio': z
    .object({
      name: z.string().max(1000),
      data: z.instanceof(Uint8Array),
      runId: Id.optional(),
      speaker: z.string().trim().min(1).max(200).optional(),
      voice: VoiceStatsSchema.optional(),
    })
    .strict()
    .refine((p) => !(p.speaker && p.voice), { message: 'give a speaker or a voice, not both' }),
  /** The statistics of a voice with one more clip of it (the Predict screen's "Add this voice"). */
  'predict.addToVoice': z
    .object({
      name: z.string().max(1000),
      data: z.instanceof(Uint8Array),
      runId: Id.optional(),
      voice: VoiceStatsSchema.nullable().optional(),
    })
    .strict(),
  /** Scores a long recording as a timeline of utterances; `voice` as for `ser predict --timeline`. */
  'predict.timeline': z
    .object({
      name: z.string().max(1000),
      data: z.instanceof(Uint8Array),
      runId: Id.optional(),
      voice: z.enum(['recording', 'none']).default('recording'),
      speaker: z.string().trim().min(1).max(200).optional(),
    })
    .strict(),
  'recordings.list': z.object({}).strict(),
  'recordings.get': z.object({ id: Id }).strict(),
  /** One edit of a recording's segments (one undoable step of the label history). */
  'segments.edit': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('resize'), clipId: Id, startS: Seconds, endS: Seconds }).strict(),
    z.object({ kind: z.literal('split'), clipId: Id, atS: Seconds }).strict(),
    z.object({ kind: z.literal('merge'), clipId: Id, withClipId: Id }).strict(),
    z
      .object({
        kind: z.literal('add'),
        recordingId: Id,
        startS: Seconds,
        endS: Seconds,
        label: LabelSchema.nullable().optional(),
      })
      .strict(),
    z.object({ kind: z.literal('delete'), clipId: Id }).strict(),
  ]),
  /** A recording's segments as an annotation file (Praat, ELAN, Audacity, CSV), to download. */
  'segments.export': z.object({ recordingId: Id, format: z.enum(INTERCHANGE_FORMAT_NAMES) }).strict(),
  'record.sessions': z.object({}).strict(),
  'record.get': z.object({ id: Id }).strict(),
  'record.start': RecordStartSchema,
  'record.pause': z.object({ id: Id }).strict(),
  'record.resume': z.object({ id: Id }).strict(),
  /** A 16 kHz mono WAV of one take; `replace` retakes a take already kept. */
  'record.saveTake': z
    .object({ sessionId: Id, index: Id, data: z.instanceof(Uint8Array), replace: z.boolean().default(false) })
    .strict(),
} as const;

export interface RequestResults {
  'project.info': ProjectInfo;
  'labels.set': { labels: string[] };
  'clips.list': ClipPage;
  'clips.get': ClipDetail;
  'clips.relabel': { changed: number };
  'labels.undo': { changed: Array<{ clipId: number; label: string | null }> };
  'dataset.stats': DatasetStats;
  'agreement.get': AgreementReport;
  'agreement.setTieRule': { tieRule: TieRule; changed: number };
  'import.start': { jobId: string };
  'train.start': { runId: number };
  'train.cancel': { cancelled: boolean };
  'train.estimate': TrainEstimate;
  'runs.list': RunSummary[];
  'runs.get': RunDetail;
  'model.choose': CurrentModel | null;
  'runs.predictions': RunPrediction[];
  'report.export': { dir: string; files: string[] } | { downloadUrl: string };
  'predict.audio': PredictionResult;
  'predict.addToVoice': VoiceStatsParams;
  'predict.timeline': TimelineResult;
  'recordings.list': RecordingSummary[];
  'recordings.get': RecordingDetail;
  'segments.edit': { recordingId: number; clipIds: number[]; segments: SegmentInfo[] };
  'segments.export': { name: string; text: string };
  'record.sessions': RecordingSessionSummary[];
  'record.get': RecordingSessionDetail;
  'record.start': RecordingSessionDetail;
  'record.pause': RecordingSessionDetail;
  'record.resume': RecordingSessionDetail;
  'record.saveTake': { clipId: number; replaced: boolean; session: RecordingSessionDetail };
}

export type RequestName = keyof typeof requestSchemas;
export type RequestParams<M extends RequestName> = z.input<(typeof requestSchemas)[M]>;
export type ParsedParams<M extends RequestName> = z.output<(typeof requestSchemas)[M]>;
export type RequestResult<M extends RequestName> = RequestResults[M];

/** Events the engine pushes to the renderer. */
export interface StudioEvents {
  'import.progress': ImportProgress;
  'import.done': { jobId: string; summary: ImportSummary };
  'import.error': { jobId: string; message: string };
  'train.progress': TrainProgress;
  'train.epoch': { runId: number } & EpochRecord;
  'train.done': {
    runId: number;
    status: RunSummary['status'];
    metrics: RunMetrics | null;
    error: string | null;
  };
  /** A long agreement computation's share done (0 to 1); a short one sends none. */
  'agreement.progress': { share: number };
  'dataset.changed': {
    /** 'external': another process (a `ser` command) changed the project. */
    reason: 'import' | 'relabel' | 'undo' | 'labels' | 'predictions' | 'external';
  };
}
export type EventName = keyof StudioEvents;

export function isRequestName(name: string): name is RequestName {
  return Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

/** Validates untrusted params at a boundary; throws a ContractError naming the request and the field. */
export function parseParams<M extends RequestName>(method: M, params: unknown): ParsedParams<M> {
  const result = requestSchemas[method].safeParse(params ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    throw new ContractError(`invalid ${method} request${where}: ${issue?.message ?? 'bad params'}`);
  }
  return result.data as ParsedParams<M>;
}

export class ContractError extends Error {
  override readonly name = 'ContractError';
}
