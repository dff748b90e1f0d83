import path from 'node:path';
import type { Command } from 'commander';
import { backendOption } from '../backend-option.js';
import { projectDirOf, withProjectOption } from '../project-option.js';

interface PredictCliOptions {
  file?: string;
  dir?: string;
  model?: string;
  project?: string;
  backend?: 'auto' | 'node-gpu' | 'node' | 'wasm' | 'cpu';
  json?: boolean;
}

interface FileResult {
  file: string;
  label?: string;
  confidence?: number;
  probs?: Record<string, number>;
  windows?: number;
  durationS?: number;
  error?: string;
}

function formatResult(r: FileResult): string {
  if (r.error) return `${r.file}: error: ${r.error}`;
  const probs = Object.entries(r.probs ?? {})
    .map(([l, p]) => `${l} ${p.toFixed(3)}`)
    .join('  ');
  return `${r.file}: ${r.label} (${((r.confidence ?? 0) * 100).toFixed(1)}%)  ${probs}`;
}

export function register(program: Command): void {
  withProjectOption(program.command('predict'))
    .description('Predict the emotion of a recording (--file) or of every recording in a folder (--dir)')
    .option('--file <path>', 'one audio file')
    .option('--dir <folder>', 'a folder of audio files (recursively)')
    .option(
      '--model <dir>',
      "model folder (default: the project's model in use: the run chosen in the studio, else the newest evaluated run; never a cancelled run's)",
    )
    .addOption(backendOption())
    .option('--json', 'print JSON (an object for --file, an array for --dir)')
    .action(async (opts: PredictCliOptions) => {
      if ((opts.file === undefined) === (opts.dir === undefined))
        throw new Error('give either --file PATH or --dir FOLDER');
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
        { predictSamples },
        { latestModelDir },
        { selectBackend },
      ] = await Promise.all([
        import('../../core/audio/node/index.js'),
        import('../../core/dataset/node/index.js'),
        import('../../core/model/node/model-files.js'),
        import('../../core/model/model-meta.js'),
        import('../../core/model/predict.js'),
        import('../../core/model/node/evaluate.js'),
        import('../../core/model/backend/node/select.js'),
      ]);
      // The model: --model, else the project's model in use (the studio's rule); a project's label set must match.
      let modelDir = opts.model;
      let projectLabels: string[] | null = null;
      if (!modelDir || opts.project) {
        const project = openProject(projectDirOf(opts));
        try {
          projectLabels = project.settings.labelSet();
          modelDir ??= latestModelDir(project);
        } finally {
          project.close();
        }
      }
      const meta = await readModelMeta(modelDir);
      if (projectLabels) assertSameLabels(meta, projectLabels, 'the project');
      const files = opts.file ? [opts.file] : (await planImport(opts.dir ?? '.')).files.map((f) => f.path);
      if (files.length === 0) throw new Error(`no audio files in ${opts.dir}`);
      await selectBackend(opts.backend ?? 'auto');
      const loaded = await loadModelFolder(modelDir);
      const results: FileResult[] = [];
      try {
        for (const file of files) {
          const shown = opts.dir ? path.relative(opts.dir, file) : file;
          try {
            // The studio's limit: a file that does not say how long it is is decoded no further than that.
            const audio = await loadAudioFile(file, {
              maxDurationS: MAX_PREDICT_DURATION_S,
              rejectSilent: false,
            });
            const p = predictSamples(loaded, audio.samples);
            results.push({
              file: shown,
              label: p.label,
              confidence: p.confidence,
              probs: p.probs,
              windows: p.windows,
              durationS: p.durationS,
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
          `${JSON.stringify(opts.file ? { ...results[0], model: modelDir, runId: meta.runId ?? null } : results)}\n`,
        );
      else if (opts.file) process.stdout.write(`${formatResult(results[0])}\n`);
      const failed = results.filter((r) => r.error).length;
      if (failed > 0) {
        process.stderr.write(`ser: ${failed} of ${results.length} files could not be predicted\n`);
        process.exitCode = 1;
      }
    });
}
