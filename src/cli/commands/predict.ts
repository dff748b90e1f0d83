import path from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_DETECTOR } from '../../core/recordings/speech-detector.js';
import { secondsOption } from '../seconds-option.js';
import { predictTimelineCli } from './predict-timeline.js';
import { modelToUse, type PredictCliOptions } from './predict-model.js';
import type { VoiceUse } from '../../common/contract.js';
import type { KnownVoice } from '../../core/model/inference/predict.js';
import { backendOption } from '../backend-option.js';
import { withProjectOption } from '../project-option.js';
import { errorMessage } from '../../common/error-message.js';

interface FileResult {
  file: string;
  label?: string;
  confidence?: number;
  probs?: Record<string, number>;
  windows?: number;
  durationS?: number;
  voice?: VoiceUse;
  error?: string;
}

function formatResult(r: FileResult): string {
  if (r.error) return `${r.file}: error: ${r.error}`;
  const probs = Object.entries(r.probs ?? {})
    .map(([l, p]) => `${l} ${p.toFixed(3)}`)
    .join('  ');
  return `${r.file}: ${r.label} (${((r.confidence ?? 0) * 100).toFixed(1)}%)  ${probs}${r.voice ? `  [voice: ${r.voice.text}]` : ''}`;
}

export function register(program: Command): void {
  withProjectOption(program.command('predict'))
    .description('Predict the emotion of a recording (--file) or of every recording in a folder (--dir)')
    .option('--file <path>', 'one audio file')
    .option(
      '--dir <folder>',
      "a folder of audio files (recursively); files whose speaker a manifest or a corpus's naming says are scored with that speaker's statistics from all of their files here",
    )
    .option(
      '--speaker <name>',
      "score --file with this project speaker's statistics, from their clips in the project (as evaluation's known-voice score)",
    )
    .option(
      '--no-speakers',
      'with --dir: score every file alone, as a voice never heard (the new-voice score)',
    )
    .option(
      '--model <dir>',
      "model folder (default: the project's model in use: the run chosen in the studio, else the newest evaluated run; never a cancelled run's)",
    )
    .addOption(backendOption())
    .option('--json', 'print JSON (an object for --file, an array for --dir)')
    .option(
      '--timeline',
      'with --file: a long recording as a timeline, one row per utterance (start, end, label, confidence, probs)',
    )
    .addOption(
      new Option(
        '--voice <how>',
        "with --timeline: 'recording' scores each utterance with the voice heard before it in the recording; 'none' scores each as a new voice, as --file alone does",
      )
        .choices(['recording', 'none'])
        .default('recording'),
    )
    .option(
      '--min-silence <seconds>',
      `with --timeline: pauses shorter than this stay inside an utterance (default ${DEFAULT_DETECTOR.minSilenceS})`,
      secondsOption('--min-silence'),
    )
    .option(
      '--max-segment <seconds>',
      `with --timeline: longer utterances are cut at their quietest moment (default ${DEFAULT_DETECTOR.maxSegmentS})`,
      secondsOption('--max-segment'),
    )
    .action(predict);
}

/** The engine's parts `ser predict` uses, loaded when it runs (not for `ser --help`). */
async function loadEngine() {
  const [audio, dataset, modelFiles, prediction, backend, origin] = await Promise.all([
    import('../../core/audio/node/index.js'),
    import('../../core/dataset/node/index.js'),
    import('../../core/model/node/model-files.js'),
    import('../../core/model/inference/predict.js'),
    import('../../core/model/backend/node/select.js'),
    import('../../core/dataset/node/origin.js'),
  ]);
  return {
    ...{ loadAudioFile: audio.loadAudioFile, maxDurationS: audio.MAX_PREDICT_DURATION_S },
    planImport: dataset.planImport,
    ...{ loadModelFolder: modelFiles.loadModelFolder, readModelMeta: modelFiles.readModelMeta },
    ...{ addSamplesToVoice: prediction.addSamplesToVoice, predictSamples: prediction.predictSamples },
    selectBackend: backend.selectBackend,
    resolveOrigin: origin.resolveOrigin,
  };
}
type Engine = Awaited<ReturnType<typeof loadEngine>>;
type LoadedModel = Awaited<ReturnType<Engine['loadModelFolder']>>;
type ImportPlan = Awaited<ReturnType<Engine['planImport']>>;

function checkOptions(opts: PredictCliOptions): void {
  if ((opts.file === undefined) === (opts.dir === undefined))
    throw new Error('give either --file PATH or --dir FOLDER');
  if (opts.timeline && opts.dir !== undefined) throw new Error('--timeline goes with --file (one recording)');
  if (opts.speaker !== undefined && opts.dir !== undefined)
    throw new Error(
      "--speaker goes with --file; with --dir each file's speaker comes from a manifest or its name",
    );
}

/**
 * --dir: each file's speaker as an import would read it, from a manifest or a corpus's naming only; a speaker
 * of two files or more is a voice known from all of them (as evaluation's known-voice score).
 */
async function folderVoices(
  plan: ImportPlan,
  engine: Engine,
  model: LoadedModel,
  decode: (file: string) => Promise<{ samples: Float32Array }>,
): Promise<{ speakerOf: Map<string, string>; voices: Map<string, KnownVoice> }> {
  const speakerOf = new Map<string, string>();
  for (const f of plan.files) {
    const origin = engine.resolveOrigin(f.path, plan.root, f.manifest);
    if (origin.speakerSource === 'manifest' || origin.speakerSource === 'convention')
      speakerOf.set(f.path, origin.speaker);
  }
  const counts = new Map<string, number>();
  for (const speaker of speakerOf.values()) counts.set(speaker, (counts.get(speaker) ?? 0) + 1);
  const voices = new Map<string, KnownVoice>();
  for (const f of plan.files) {
    const speaker = speakerOf.get(f.path);
    if (speaker === undefined || (counts.get(speaker) ?? 0) < 2) continue;
    try {
      const audio = await decode(f.path);
      const before = voices.get(speaker)?.stats ?? null;
      const stats = engine.addSamplesToVoice(model, before, audio.samples);
      voices.set(speaker, { kind: 'speaker', speaker, stats });
    } catch {
      // a file that cannot be read adds nothing to its voice; its own line says why
    }
  }
  return { speakerOf, voices };
}

async function predict(opts: PredictCliOptions): Promise<void> {
  checkOptions(opts);
  if (opts.timeline) return predictTimelineCli(opts);
  // `ser predict --dir ... | head`: a closed pipe ends the listing, it is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const engine = await loadEngine();
  const { dir, speakerVoice } = await modelToUse(opts);
  const meta = await engine.readModelMeta(dir);
  const plan = opts.file ? null : await engine.planImport(opts.dir ?? '.');
  const files = opts.file ? [opts.file] : (plan?.files ?? []).map((f) => f.path);
  if (files.length === 0) throw new Error(`no audio files in ${opts.dir}`);
  await engine.selectBackend(opts.backend ?? 'auto');
  const model = await engine.loadModelFolder(dir);
  // The studio's limit: a file that does not say how long it is is decoded no further than that.
  const decode = (file: string) =>
    engine.loadAudioFile(file, { maxDurationS: engine.maxDurationS, rejectSilent: false });
  let results: FileResult[];
  try {
    const folder =
      plan && opts.speakers !== false
        ? await folderVoices(plan, engine, model, decode)
        : { speakerOf: new Map<string, string>(), voices: new Map<string, KnownVoice>() };
    const voiceOf = (file: string): KnownVoice | null => {
      const speaker = folder.speakerOf.get(file);
      return speakerVoice ?? (speaker === undefined ? null : (folder.voices.get(speaker) ?? null));
    };
    results = await predictFiles(files, opts, (file) =>
      decode(file).then((audio) => engine.predictSamples(model, audio.samples, voiceOf(file))),
    );
  } finally {
    model.model.dispose();
  }
  printResults(results, opts, { model: dir, runId: meta.runId ?? null });
}

/** Each file's prediction, or the reason it has none; with --dir a line each as they come. */
async function predictFiles(
  files: readonly string[],
  opts: PredictCliOptions,
  predictFile: (file: string) => Promise<Omit<FileResult, 'file' | 'error'>>,
): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const file of files) {
    const shown = opts.dir ? path.relative(opts.dir, file) : file;
    try {
      const p = await predictFile(file);
      results.push({
        file: shown,
        label: p.label,
        confidence: p.confidence,
        probs: p.probs,
        windows: p.windows,
        durationS: p.durationS,
        voice: p.voice,
      });
    } catch (err) {
      const message = errorMessage(err);
      // One file: its failure is the command's failure, said once, plainly.
      if (opts.file) throw new Error(`cannot predict ${file}: ${message}`);
      results.push({ file: shown, error: message });
    }
    if (!opts.json && opts.dir) process.stdout.write(`${formatResult(results[results.length - 1])}\n`);
  }
  return results;
}

function printResults(
  results: FileResult[],
  opts: PredictCliOptions,
  model: { model: string; runId: number | null },
): void {
  if (opts.json)
    process.stdout.write(`${JSON.stringify(opts.file ? { ...results[0], ...model } : results)}\n`);
  else if (opts.file) process.stdout.write(`${formatResult(results[0])}\n`);
  const failed = results.filter((r) => r.error).length;
  if (failed > 0) {
    process.stderr.write(`ser: ${failed} of ${results.length} files could not be predicted\n`);
    process.exitCode = 1;
  }
}
