import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  AUGMENT_NAMES,
  HEAD_KINDS,
  HEAD_TITLES,
  MAX_MEMBERS,
  MODEL_SIZES,
  RECIPE_DESCRIPTIONS,
  RECIPE_KINDS,
  SPEAKER_NORM_MODES,
  SPEAKER_NORM_TITLES,
  TRAINING_DEFAULTS,
  DEFAULT_SPEAKER_NORM,
  type BackendPreference,
  type HeadKind,
  type ModelSize,
  type RecipeKind,
  type SpeakerNormMode,
} from '../../common/options.js';
import type { TrainConfig } from '../../core/model/config.js';
import { backendOption } from '../backend-option.js';
import { projectDirOf, withProjectOption } from '../project-option.js';
import { TrainDisplay } from '../train/train-display.js';

interface TrainCliOptions {
  project?: string;
  labels?: string;
  split?: string;
  epochs?: number;
  batch?: number;
  lr?: number;
  augment?: string;
  head?: HeadKind;
  size?: ModelSize;
  seed?: number;
  foldValidation?: boolean;
  statsRate?: number;
  members?: number;
  recipe?: RecipeKind;
  speakerNorm?: SpeakerNormMode | false;
  jobs?: number;
  backend?: BackendPreference;
  out?: string;
  report?: string;
  json?: boolean;
}

function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer >= ${min}, not "${value}"`);
    return n;
  };
}

/** A number in (0, max] for option `name`. */
function upTo(name: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!(n > 0 && n <= max))
      throw new InvalidArgumentError(`${name} must be a number in (0, ${max}], not "${value}"`);
    return n;
  };
}

// The training options, in the order `ser train --help` lists them.
const TRAIN_OPTIONS: Option[] = [
  new Option(
    '--labels <list>',
    'labels to train on (default: the project label set), e.g. happy,sad,neutral',
  ),
  new Option(
    '--split <how>',
    `loso (leave one speaker out), speaker (train/val/test by speaker), kfold:K, or random (default ${TRAINING_DEFAULTS.split})`,
  ),
  new Option(
    '--epochs <n>',
    `training epochs (default ${TRAINING_DEFAULTS.epochs}; early stopping may end sooner)`,
  ).argParser(integer('--epochs', 1)),
  new Option('--batch <n>', 'batch size').argParser(integer('--batch', 1)),
  new Option('--lr <x>', 'initial learning rate').argParser(upTo('--lr', 1)),
  new Option(
    '--augment <list>',
    `augmentations: any of ${AUGMENT_NAMES.join(',')}, or none (default: ${TRAINING_DEFAULTS.augment.join(',')})`,
  ),
  new Option(
    '--head <kind>',
    `pooling over time: ${HEAD_KINDS.map((h) => `${h} (${HEAD_TITLES[h].toLowerCase()})`).join(', ')}; default ${TRAINING_DEFAULTS.head}`,
  ).choices([...HEAD_KINDS]),
  new Option('--size <preset>', `model size (default ${TRAINING_DEFAULTS.size})`).choices([...MODEL_SIZES]),
  new Option('--seed <n>', 'random seed (same seed, same backend: same run)').argParser(integer('--seed', 0)),
  new Option(
    '--stats-rate <x>',
    `how many times faster than the conv layers the MFCC-statistics branch learns (default ${TRAINING_DEFAULTS.statsRateScale}; ` +
      'higher leans more on the clip statistics)',
  ).argParser(upTo('--stats-rate', 1000)),
  new Option(
    '--members <n>',
    `train n networks side by side and average them: steadier scores for n times the training time (1 to ${MAX_MEMBERS}, default ${TRAINING_DEFAULTS.members})`,
  ).argParser(integer('--members', 1)),
  new Option(
    '--fold-validation',
    'with loso or kfold, hold out validation speakers in each fold for early stopping ' +
      '(default: each fold trains its whole schedule on all its training speakers)',
  ),
  new Option(
    '--recipe <kind>',
    `what scores and predicts: ${RECIPE_KINDS.map((k) => `${k} (${RECIPE_DESCRIPTIONS[k]})`).join('; ')}`,
  ).choices([...RECIPE_KINDS]),
  new Option(
    '--speaker-norm <mode>',
    `how a voice the model knows is standardised: ${SPEAKER_NORM_MODES.map((m) => `${m} (${SPEAKER_NORM_TITLES[m].toLowerCase()})`).join(', ')}; default ${DEFAULT_SPEAKER_NORM}, none where speakers each show one or two emotions`,
  ).choices([...SPEAKER_NORM_MODES]),
  new Option('--no-speaker-norm', 'the same as --speaker-norm none'),
  new Option(
    '--jobs <n>',
    'trainings at once: folds train side by side, each on a core (default: the cores less one, as many as ' +
      'memory allows; the scores are the same for any value)',
  ).argParser(integer('--jobs', 1)),
  backendOption(),
  new Option('--out <dir>', 'model folder (default: <project>/models/run-<id>)'),
  new Option('--report <dir>', 'report folder (default: <project>/reports/run-<id>)'),
  new Option('--json', 'print the result as JSON on stdout (progress stays on stderr)'),
];

export function register(program: Command): void {
  const command = withProjectOption(program.command('train')).description(
    "Train the emotion CNN on the project's labelled clips and evaluate it on speakers it never heard",
  );
  for (const option of TRAIN_OPTIONS) command.addOption(option);
  command.action(train);
}

interface ConfigParsers {
  parseLabelList: (text: string) => string[];
  parseAugment: (text: string) => TrainConfig['augment'];
  parseSplit: (text: string) => TrainConfig['split'];
}

/** The options the user gave, as the fields of a training config they set (the rest keep their defaults). */
function configOf(opts: TrainCliOptions, parse: ConfigParsers): Partial<TrainConfig> {
  return {
    ...(opts.labels !== undefined ? { labels: parse.parseLabelList(opts.labels) } : {}),
    split: parse.parseSplit(opts.split ?? TRAINING_DEFAULTS.split),
    ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}),
    ...(opts.batch !== undefined ? { batchSize: opts.batch } : {}),
    ...(opts.lr !== undefined ? { learningRate: opts.lr } : {}),
    ...(opts.augment !== undefined ? { augment: parse.parseAugment(opts.augment) } : {}),
    ...(opts.head ? { head: opts.head } : {}),
    ...(opts.size ? { size: opts.size } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.foldValidation ? { foldValidation: true } : {}),
    ...(opts.statsRate !== undefined ? { statsRateScale: opts.statsRate } : {}),
    ...(opts.members !== undefined ? { members: opts.members } : {}),
    ...(opts.recipe ? { recipe: opts.recipe } : {}),
    ...(opts.speakerNorm === false
      ? { speakerNorm: 'none' as const }
      : opts.speakerNorm !== undefined
        ? { speakerNorm: opts.speakerNorm }
        : {}),
  };
}

/** Ctrl-C stops after the current batch and keeps the best model; a second Ctrl-C quits at once. */
function stopOnCtrlC(display: TrainDisplay): { signal: AbortSignal; release: () => void } {
  const abort = new AbortController();
  const onSigint = (): void => {
    if (abort.signal.aborted) process.exit(130);
    abort.abort();
    display.say(
      'stopping after this batch (the partial model is kept but never used unless named with --model); Ctrl-C again to quit now',
    );
  };
  process.on('SIGINT', onSigint);
  return { signal: abort.signal, release: () => process.off('SIGINT', onSigint) };
}

async function train(opts: TrainCliOptions): Promise<void> {
  const [labels, config, { trainProject }, { TrainEmitter }, { comparisonOf }, output] = await Promise.all([
    import('../../core/dataset/labels.js'),
    import('../../core/model/config.js'),
    import('../../core/model/node/train-project.js'),
    import('../../core/model/train-events.js'),
    import('../../core/model/recipe/comparison.js'),
    import('../train/train-result.js'),
  ]);
  const display = new TrainDisplay(process.stderr);
  const events = new TrainEmitter();
  display.listenTo(events);
  const stop = stopOnCtrlC(display);
  try {
    const result = await trainProject({
      projectDir: projectDirOf(opts),
      config: configOf(opts, { ...labels, ...config }),
      backend: opts.backend,
      jobs: opts.jobs,
      modelDir: opts.out,
      reportDir: opts.report,
      events,
      signal: stop.signal,
    });
    display.clearLine();
    const comparison = result.recipe.metrics ? comparisonOf(result.recipe) : null;
    const text = opts.json
      ? output.trainResultJson(result, comparison)
      : output.trainResultLines(result, comparison).join('\n');
    process.stdout.write(`${text}\n`);
    if (result.status === 'cancelled') process.exitCode = 130;
  } finally {
    display.clearLine();
    stop.release();
  }
}
