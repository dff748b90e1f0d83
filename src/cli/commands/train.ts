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
import type { EpochRecord, PoolProgress, TrainProgress } from '../../common/contract.js';
import { backendOption } from '../backend-option.js';
import { comparisonLines } from '../comparison-lines.js';
import { confusionLines } from '../confusion-table.js';
import { projectDirOf, withProjectOption } from '../project-option.js';

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

function duration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '--';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}

const num = (v: number | null, digits = 3): string =>
  v === null || !Number.isFinite(v) ? '--' : v.toFixed(digits);

function foldName(p: { phase?: TrainProgress['phase']; fold: number; folds: number }): string {
  if (p.phase === 'final' || p.fold >= p.folds) return 'final';
  return p.folds > 1 ? `fold ${p.fold + 1}/${p.folds}` : 'train';
}

/** "training folds 3,4 (2 at once), 2 done, 5 waiting", or "training fold 10 + final ...". */
function poolText(pool: PoolProgress, folds: number): string {
  const numbers = pool.running.filter((f) => f < folds).map((f) => f + 1);
  const parts = [
    ...(numbers.length > 0 ? [`fold${numbers.length > 1 ? 's' : ''} ${numbers.join(',')}`] : []),
    ...(pool.running.some((f) => f >= folds) ? ['final'] : []),
  ];
  return `training ${parts.join(' + ') || '-'} (${pool.jobs} at once), ${pool.done} done, ${pool.queued} waiting`;
}

/** One status line, redrawn in place on a terminal. */
function statusLine(p: TrainProgress): string {
  if (p.phase === 'features' || p.phase === 'report') return p.message ?? p.phase;
  if (p.phase === 'choosing') return `${p.message ?? 'choosing the recipe'} | ETA ${duration(p.etaS)}`;
  // With folds side by side the pool and the run's ETA lead: the fold numbers after them are one fold's.
  const head = p.pool && p.folds > 1 ? [poolText(p.pool, p.folds), `ETA ${duration(p.etaS)}`] : [];
  if (p.phase === 'evaluating')
    return [...head, `${foldName(p)}: predicting the held-out speakers`].join(' | ');
  const parts = [
    ...head,
    `${foldName(p)} ep ${p.epoch + 1}/${p.epochs} b ${p.batch + 1}/${p.batches}`,
    `loss ${num(p.loss)} acc ${num(p.accuracy, 2)}`,
    `val ${num(p.valLoss)} acc ${num(p.valAccuracy, 2)} F1 ${num(p.valMacroF1, 2)}`,
    `lr ${p.lr === null ? '--' : p.lr.toExponential(1)}`,
    `${p.clipsPerS === null ? '--' : Math.round(p.clipsPerS)} clips/s`,
    ...(head.length > 0 ? [] : [`ETA ${duration(p.etaS)}`]),
  ];
  return parts.join(' | ');
}

function epochLine(e: EpochRecord, folds: number): string {
  return (
    `${foldName({ fold: e.fold, folds })} epoch ${e.epoch + 1}: loss ${num(e.loss)} acc ${num(e.accuracy)}` +
    ` | val loss ${num(e.valLoss)} acc ${num(e.valAccuracy)} F1 ${num(e.valMacroF1)}` +
    ` | lr ${e.lr.toExponential(1)} | ${Math.round(e.clipsPerS)} clips/s`
  );
}

export function register(program: Command): void {
  withProjectOption(program.command('train'))
    .description(
      "Train the emotion CNN on the project's labelled clips and evaluate it on speakers it never heard",
    )
    .option('--labels <list>', 'labels to train on (default: the project label set), e.g. happy,sad,neutral')
    .option(
      '--split <how>',
      `loso (leave one speaker out), speaker (train/val/test by speaker), kfold:K, or random (default ${TRAINING_DEFAULTS.split})`,
    )
    .option(
      '--epochs <n>',
      `training epochs (default ${TRAINING_DEFAULTS.epochs}; early stopping may end sooner)`,
      integer('--epochs', 1),
    )
    .option('--batch <n>', 'batch size', integer('--batch', 1))
    .option('--lr <x>', 'initial learning rate', upTo('--lr', 1))
    .option(
      '--augment <list>',
      `augmentations: any of ${AUGMENT_NAMES.join(',')}, or none (default: ${TRAINING_DEFAULTS.augment.join(',')})`,
    )
    .addOption(
      new Option(
        '--head <kind>',
        `pooling over time: ${HEAD_KINDS.map((h) => `${h} (${HEAD_TITLES[h].toLowerCase()})`).join(', ')}; default ${TRAINING_DEFAULTS.head}`,
      ).choices([...HEAD_KINDS]),
    )
    .addOption(
      new Option('--size <preset>', `model size (default ${TRAINING_DEFAULTS.size})`).choices([
        ...MODEL_SIZES,
      ]),
    )
    .option('--seed <n>', 'random seed (same seed, same backend: same run)', integer('--seed', 0))
    .option(
      '--stats-rate <x>',
      `how many times faster than the conv layers the MFCC-statistics branch learns (default ${TRAINING_DEFAULTS.statsRateScale}; ` +
        'higher leans more on the clip statistics)',
      upTo('--stats-rate', 1000),
    )
    .option(
      '--members <n>',
      `train n networks side by side and average them: steadier scores for n times the training time (1 to ${MAX_MEMBERS}, default ${TRAINING_DEFAULTS.members})`,
      integer('--members', 1),
    )
    .option(
      '--fold-validation',
      'with loso or kfold, hold out validation speakers in each fold for early stopping ' +
        '(default: each fold trains its whole schedule on all its training speakers)',
    )
    .addOption(
      new Option(
        '--recipe <kind>',
        `what scores and predicts: ${RECIPE_KINDS.map((k) => `${k} (${RECIPE_DESCRIPTIONS[k]})`).join('; ')}`,
      ).choices([...RECIPE_KINDS]),
    )
    .addOption(
      new Option(
        '--speaker-norm <mode>',
        `how a voice the model knows is standardised: ${SPEAKER_NORM_MODES.map((m) => `${m} (${SPEAKER_NORM_TITLES[m].toLowerCase()})`).join(', ')}; default ${DEFAULT_SPEAKER_NORM}, none where speakers each show one or two emotions`,
      ).choices([...SPEAKER_NORM_MODES]),
    )
    .option('--no-speaker-norm', 'the same as --speaker-norm none')
    .option(
      '--jobs <n>',
      'trainings at once: folds train side by side, each on a core (default: the cores less one, as many as ' +
        'memory allows; the scores are the same for any value)',
      integer('--jobs', 1),
    )
    .addOption(backendOption())
    .option('--out <dir>', 'model folder (default: <project>/models/run-<id>)')
    .option('--report <dir>', 'report folder (default: <project>/reports/run-<id>)')
    .option('--json', 'print the result as JSON on stdout (progress stays on stderr)')
    .action(async (opts: TrainCliOptions) => {
      const [
        { parseLabelList },
        { parseAugment, parseSplit },
        { trainProject },
        { TrainEmitter },
        { comparisonOf },
        { voiceScoreLines },
      ] = await Promise.all([
        import('../../core/dataset/labels.js'),
        import('../../core/model/config.js'),
        import('../../core/model/node/train-project.js'),
        import('../../core/model/train-events.js'),
        import('../../core/model/recipe/comparison.js'),
        import('../voice-score-lines.js'),
      ]);
      const config = {
        ...(opts.labels !== undefined ? { labels: parseLabelList(opts.labels) } : {}),
        split: parseSplit(opts.split ?? TRAINING_DEFAULTS.split),
        ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}),
        ...(opts.batch !== undefined ? { batchSize: opts.batch } : {}),
        ...(opts.lr !== undefined ? { learningRate: opts.lr } : {}),
        ...(opts.augment !== undefined ? { augment: parseAugment(opts.augment) } : {}),
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
      const err = process.stderr;
      const live = err.isTTY === true;
      const events = new TrainEmitter();
      let folds = 1;
      let shown = '';
      const clearLine = () => {
        if (live && shown) err.write('\r\x1b[2K');
        shown = '';
      };
      const say = (line: string) => {
        clearLine();
        err.write(`${line}\n`);
      };
      let lastDraw = 0;
      events.on('progress', (p) => {
        folds = Math.max(p.folds, 1);
        if (!live) return;
        const now = Date.now();
        if (now - lastDraw < 100 && p.batch + 1 < p.batches) return;
        lastDraw = now;
        const line = statusLine(p);
        const width = Math.max((err.columns || 120) - 1, 20);
        shown = line.length > width ? `${line.slice(0, width - 1)}…` : line;
        err.write(`\r\x1b[2K${shown}`);
      });
      events.on('epoch', (e) => {
        if (!live) say(epochLine(e, folds));
      });
      events.on('message', (m) => say(m.level === 'warn' ? `warning: ${m.text}` : m.text));

      // Ctrl-C: stop after the current batch and keep the best model; a second Ctrl-C quits at once.
      const abort = new AbortController();
      const onSigint = (): void => {
        if (abort.signal.aborted) process.exit(130);
        abort.abort();
        say(
          'stopping after this batch (the partial model is kept but never used unless named with --model); Ctrl-C again to quit now',
        );
      };
      process.on('SIGINT', onSigint);
      try {
        const result = await trainProject({
          projectDir: projectDirOf(opts),
          config,
          backend: opts.backend,
          jobs: opts.jobs,
          modelDir: opts.out,
          reportDir: opts.report,
          events,
          signal: abort.signal,
        });
        clearLine();
        const { experiment: x } = result;
        const m = result.recipe.metrics;
        const comparison = m ? comparisonOf(result.recipe) : null;
        if (opts.json) {
          process.stdout.write(
            `${JSON.stringify({
              runId: result.runId,
              status: result.status,
              backend: result.backend.detail,
              split: x.split,
              folds: x.folds,
              labels: result.config.labels,
              accuracy: m?.accuracy ?? null,
              macro_f1: m?.macro_f1 ?? null,
              uar: m?.uar ?? null,
              confusion: m?.confusion ?? null,
              clips: m?.clips ?? 0,
              scoredAs: 'new voice',
              voice: result.recipe.voice,
              modelDir: result.modelDir,
              reportDir: result.reportDir,
              trainSeconds: x.trainSeconds,
              clipsPerS: x.clipsSeen / Math.max(x.trainSeconds, 1e-9),
              warnings: [...x.warnings, ...result.recipe.warnings],
              comparison,
            })}\n`,
          );
        } else {
          const lines = [
            `run ${result.runId} ${result.status} on ${result.backend.detail} in ${duration(x.trainSeconds)} (${Math.round(x.clipsSeen / Math.max(x.trainSeconds, 1e-9))} clips/s)`,
          ];
          if (m) {
            lines.push(
              `held-out, a new voice (${x.split}${x.folds > 1 ? `, ${x.folds} folds pooled` : ''}, ${m.clips} clips, ${m.speakers} speakers): accuracy ${m.accuracy.toFixed(3)}, macro F1 ${m.macro_f1.toFixed(3)}, UAR ${m.uar.toFixed(3)}`,
            );
            lines.push(...confusionLines(m.labels, m.confusion));
            if (result.recipe.voice) lines.push(...voiceScoreLines(result.recipe.voice));
            if (comparison) lines.push(...comparisonLines(comparison));
          }
          for (const w of [...x.warnings, ...result.recipe.warnings]) lines.push(`warning: ${w}`);
          lines.push(
            `model:  ${result.modelDir ?? '(none)'}`,
            `report: ${result.reportDir ? `${result.reportDir}/report.html` : '(none)'}`,
          );
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        if (result.status === 'cancelled') process.exitCode = 130;
      } finally {
        clearLine();
        process.off('SIGINT', onSigint);
      }
    });
}
