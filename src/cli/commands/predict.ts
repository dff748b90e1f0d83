import path from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_DETECTOR } from '../../core/recordings/speech-detector.js';
import { secondsOption } from '../seconds-option.js';
import { predictTimelineCli } from './predict-timeline.js';
import type { VoiceUse } from '../../common/contract.js';
import type { KnownVoice } from '../../core/model/predict.js';
import { backendOption } from '../backend-option.js';
import { projectDirOf, withProjectOption } from '../project-option.js';

export interface PredictCliOptions {
  file?: string;
  dir?: string;
  speaker?: string;
  /** --no-speakers: every file of --dir alone, as a voice never heard. */
  speakers?: boolean;
  model?: string;
  project?: string;
  backend?: 'auto' | 'node-gpu' | 'node' | 'wasm' | 'cpu';
  json?: boolean;
  timeline?: boolean;
  voice?: 'recording' | 'none';
  minSilence?: number;
  maxSegment?: number;
}

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
    .action(async (opts: PredictCliOptions) => {
      if ((opts.file === undefined) === (opts.dir === undefined))
        throw new Error('give either --file PATH or --dir FOLDER');
      if (opts.timeline && opts.dir !== undefined)
        throw new Error('--timeline goes with --file (one recording)');
      if (opts.timeline) return predictTimelineCli(opts);
      if (opts.speaker !== undefined && opts.dir !== undefined)
        throw new Error(
          "--speaker goes with --file; with --dir each file's speaker comes from a manifest or its name",
        );
      // `ser predict --dir ... | head`: a closed pipe ends the listing, it is not an error.
      process.stdout.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EPIPE') process.exit(0);
        throw err;
      });
      const [
        { loadAudioFile, MAX_PREDICT_DURATION_S },
        { planImport, openProject },
        { loadModelFolder, readModelMeta },
        { assertSameLabels },
        { addSamplesToVoice, predictSamples },
        { latestModelDir },
        { selectBackend },
        { projectSpeakerVoice },
        { resolveOrigin },
      ] = await Promise.all([
        import('../../core/audio/node/index.js'),
        import('../../core/dataset/node/index.js'),
        import('../../core/model/node/model-files.js'),
        import('../../core/model/model-meta.js'),
        import('../../core/model/predict.js'),
        import('../../core/model/node/evaluate.js'),
        import('../../core/model/backend/node/select.js'),
        import('../../core/model/node/speaker-voice.js'),
        import('../../core/dataset/node/origin.js'),
      ]);
      // The model: --model, else the project's model in use (the studio's rule); a project's label set must match.
      let modelDir = opts.model;
      let projectLabels: string[] | null = null;
      const needsProject = !modelDir || opts.project || opts.speaker !== undefined;
      const project = needsProject ? openProject(projectDirOf(opts)) : null;
      let speakerVoice: KnownVoice | null = null;
      try {
        if (project) {
          projectLabels = project.settings.labelSet();
          modelDir ??= latestModelDir(project);
        }
        const meta = await readModelMeta(modelDir as string);
        if (project && opts.speaker !== undefined)
          speakerVoice = {
            kind: 'speaker',
            speaker: opts.speaker,
            stats: await projectSpeakerVoice(project, meta, opts.speaker),
          };
      } finally {
        project?.close();
      }
      const dir = modelDir as string;
      const meta = await readModelMeta(dir);
      if (projectLabels) assertSameLabels(meta, projectLabels, 'the project');
      const plan = opts.file ? null : await planImport(opts.dir ?? '.');
      const files = opts.file ? [opts.file] : (plan?.files ?? []).map((f) => f.path);
      if (files.length === 0) throw new Error(`no audio files in ${opts.dir}`);
      await selectBackend(opts.backend ?? 'auto');
      const loaded = await loadModelFolder(dir);
      // The studio's limit: a file that does not say how long it is is decoded no further than that.
      const decode = (file: string) =>
        loadAudioFile(file, { maxDurationS: MAX_PREDICT_DURATION_S, rejectSilent: false });
      // --dir: each file's speaker as an import would read it, from a manifest or a corpus's naming only; a
      // speaker of two files or more is a voice known from all of them (as evaluation's known-voice score).
      const speakerOf = new Map<string, string>();
      if (plan && opts.speakers !== false)
        for (const f of plan.files) {
          const origin = resolveOrigin(f.path, plan.root, f.manifest);
          if (origin.speakerSource === 'manifest' || origin.speakerSource === 'convention')
            speakerOf.set(f.path, origin.speaker);
        }
      const voices = new Map<string, KnownVoice>();
      const counts = new Map<string, number>();
      for (const s of speakerOf.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
      for (const file of files) {
        const speaker = speakerOf.get(file);
        if (speaker === undefined || (counts.get(speaker) ?? 0) < 2) continue;
        try {
          const audio = await decode(file);
          const before = voices.get(speaker)?.stats ?? null;
          voices.set(speaker, {
            kind: 'speaker',
            speaker,
            stats: addSamplesToVoice(loaded, before, audio.samples),
          });
        } catch {
          // a file that cannot be read adds nothing to its voice; its own line says why
        }
      }
      const results: FileResult[] = [];
      try {
        for (const file of files) {
          const shown = opts.dir ? path.relative(opts.dir, file) : file;
          try {
            const audio = await decode(file);
            const speaker = speakerOf.get(file);
            const known = speakerVoice ?? (speaker === undefined ? null : (voices.get(speaker) ?? null));
            const p = predictSamples(loaded, audio.samples, known);
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
            const message = err instanceof Error ? err.message : String(err);
            // One file: its failure is the command's failure, said once, plainly.
            if (opts.file) throw new Error(`cannot predict ${file}: ${message}`);
            results.push({ file: shown, error: message });
          }
          if (!opts.json && opts.dir) process.stdout.write(`${formatResult(results[results.length - 1])}\n`);
        }
      } finally {
        loaded.model.dispose();
      }
      if (opts.json)
        process.stdout.write(
          `${JSON.stringify(opts.file ? { ...results[0], model: dir, runId: meta.runId ?? null } : results)}\n`,
        );
      else if (opts.file) process.stdout.write(`${formatResult(results[0])}\n`);
      const failed = results.filter((r) => r.error).length;
      if (failed > 0) {
        process.stderr.write(`ser: ${failed} of ${results.length} files could not be predicted\n`);
        process.exitCode = 1;
      }
    });
}
