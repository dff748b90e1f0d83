import type { Command } from 'commander';
import type { EvaluateResult } from '../../core/model/evaluation/node/evaluate.js';
import { backendOption } from '../backend-option.js';
import { comparisonLines } from '../comparison-lines.js';
import { voiceScoreLines } from '../voice-score-lines.js';
import { confusionLines } from '../confusion-table.js';
import { projectDirOf, withProjectOption } from '../project-option.js';

interface EvaluateCliOptions {
  project?: string;
  model?: string;
  data?: string;
  report?: string;
  backend?: 'auto' | 'node-gpu' | 'node' | 'wasm' | 'cpu';
  json?: boolean;
  allClips?: boolean;
}

export function register(program: Command): void {
  withProjectOption(program.command('evaluate'))
    .description(
      "Report a trained model's scores on the project's speakers it never trained on (or every clip, --all-clips), or on another corpus (--data), and write a report",
    )
    .option('--model <dir>', "model folder (default: the project's latest trained model)")
    .option(
      '--data <folder|manifest.csv>',
      'another corpus, scored without importing it (labels from its manifest or naming)',
    )
    .option(
      '--all-clips',
      'score every labelled project clip with the saved model, the clips it trained on included: optimistic ' +
        "(default: only the clips its training run held out, as that run's folds predicted them)",
    )
    .option('--report <dir>', 'report folder (default: <project>/reports/eval-<id>)')
    .addOption(backendOption())
    .option('--json', 'print the metrics as JSON on stdout')
    .action(async (opts: EvaluateCliOptions) => {
      const { evaluateModel } = await import('../../core/model/evaluation/node/evaluate.js');
      const result = await evaluateModel({
        projectDir: opts.data && opts.project === undefined && opts.model ? undefined : projectDirOf(opts),
        modelDir: opts.model,
        data: opts.data,
        reportDir: opts.report,
        backend: opts.backend,
        allClips: opts.allClips,
      });
      const m = result.metrics;
      // On stderr, so it shows even with --json or stdout in a file, and before the numbers it qualifies.
      for (const w of result.warnings)
        process.stderr.write(`${result.scope === 'all-clips' ? 'WARNING' : 'warning'}: ${w}\n`);
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ runId: result.runId, model: result.modelDir, report: result.reportDir, backend: result.backend, skipped: result.skipped, scope: result.scope, trainingRun: result.trainingRun, warnings: result.warnings, ...m, scoredAs: 'new voice', voice: result.known?.voice ?? null, known: result.known?.metrics ?? null, comparison: result.comparison })}\n`,
        );
        return;
      }
      const width = Math.max(...m.labels.map((l) => l.length), 9);
      const lines = [
        scopeLine(result),
        `${m.clips} clips, ${m.speakers} speakers, model ${result.modelDir}`,
        `${result.known ? 'a new voice (each clip alone): ' : ''}accuracy ${m.accuracy.toFixed(3)}, macro F1 ${m.macro_f1.toFixed(3)}, UAR ${m.uar.toFixed(3)}`,
        `${'label'.padEnd(width)}  precision  recall     F1  support`,
        ...m.labels.map((l) => {
          const s = m.per_class[l];
          return `${l.padEnd(width)}  ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}  ${s.f1.toFixed(3).padStart(5)}  ${String(s.support).padStart(7)}`;
        }),
        ...confusionLines(m.labels, m.confusion),
      ];
      if (result.known) lines.push(...voiceScoreLines(result.known.voice));
      if (result.comparison)
        // held out: the training run's own folds; otherwise the saved model's parts scored on these clips
        lines.push(...comparisonLines(result.comparison, result.scope === 'held-out' ? 'folds' : 'clips'));
      lines.push(`report: ${result.reportDir}/report.html`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

/** What the numbers below it are: held-out clips, every project clip, or another corpus. */
function scopeLine(r: EvaluateResult): string {
  const run = r.trainingRun;
  if (r.scope === 'held-out' && run)
    return `held-out clips only: what run ${run.id} (${run.split ?? '?'}) predicted for speakers its folds never trained on (--all-clips scores every clip, optimistically)`;
  if (r.scope === 'all-clips')
    return 'every project clip, the training clips included: OPTIMISTIC (see the warning above)';
  return 'another corpus (--data), none of it imported';
}
