import { Option, type Command } from 'commander';
import { projectDirOf, withProjectOption } from '../project-option.js';
import { TrainDisplay } from '../train/train-display.js';
import { loadTextParsers, requestOfFlags, trainingFlags } from '../train/train-flags.js';

/** What `ser train` was given: the training options' flags (train-flags.ts) and its own. */
interface TrainCliOptions extends Record<string, unknown> {
  project?: string;
  out?: string;
  report?: string;
  json?: boolean;
}

// Its own options, after the training options (common/training-options.ts) in `ser train --help`.
const OUTPUT_OPTIONS: Option[] = [
  new Option('--out <dir>', 'model folder (default: <project>/models/run-<id>)'),
  new Option('--report <dir>', 'report folder (default: <project>/reports/run-<id>)'),
  new Option('--json', 'print the result as JSON on stdout (progress stays on stderr)'),
];

export function register(program: Command): void {
  const command = withProjectOption(program.command('train')).description(
    "Train the emotion CNN on the project's labelled clips and evaluate it on speakers it never heard",
  );
  for (const option of [...trainingFlags(), ...OUTPUT_OPTIONS]) command.addOption(option);
  command.action(train);
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
  const [parsers, { trainConfigOf }, { trainProject }, { TrainEmitter }, output] = await Promise.all([
    loadTextParsers(),
    import('../../core/model/training/train-request.js'),
    import('../../core/model/training/node/train-project.js'),
    import('../../core/model/training/train-events.js'),
    import('../train/train-result.js'),
  ]);
  const display = new TrainDisplay(process.stderr);
  const events = new TrainEmitter();
  display.listenTo(events);
  const stop = stopOnCtrlC(display);
  try {
    const request = requestOfFlags(opts, parsers);
    const result = await trainProject({
      projectDir: projectDirOf(opts),
      config: trainConfigOf(request),
      backend: request.backend,
      jobs: request.jobs,
      modelDir: opts.out,
      reportDir: opts.report,
      events,
      signal: stop.signal,
    });
    display.clearLine();
    const comparison = result.metrics?.comparison ?? null;
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
