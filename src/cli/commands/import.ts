import type { Command } from 'commander';
import { createProgress } from '../progress.js';
import { projectDirOf, withProjectOption } from '../project-option.js';
import { formatCounts, formatDuration } from './stats.js';
import type { ImportSummary } from '../../core/dataset/import-summary.js';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--max-duration must be a positive number of seconds, not "${value}"`);
  return n;
}

function formatSummary(s: ImportSummary): string {
  const lines = [
    `Imported ${s.source}: ${s.scanned} files in ${s.elapsedS.toFixed(1)} s` +
      (s.cancelled ? ' (stopped early)' : ''),
    `  ${s.added} added, ${s.unchanged} already there, ${s.moved} moved, ${s.updated} updated, ` +
      `${s.duplicates} duplicates, ${s.rejected.length} rejected file${s.rejected.length === 1 ? '' : 's'}; ${formatDuration(s.durationS)} of audio`,
    '',
    formatCounts('label', s.perLabel),
    formatCounts('speaker', s.perSpeaker),
  ];
  const unknown = Object.entries(s.unknownLabels ?? {});
  if (unknown.length > 0) {
    const words = unknown.map(([w, n]) => `${JSON.stringify(w)} (${n})`).join(', ');
    lines.push(`Labels the studio does not know, left unlabelled: ${words}`);
  }
  if (s.rejected.length > 0) {
    lines.push(`Rejected files (${s.rejected.length}):`);
    for (const r of s.rejected) lines.push(`  ${r.path}\n    ${r.code}: ${r.reason}`);
    if (s.rejected.some((r) => r.code === 'too-long'))
      lines.push('  (importing again with --max-duration <seconds> keeps longer files)');
    lines.push('');
  }
  return lines.join('\n');
}

export function register(program: Command): void {
  withProjectOption(program.command('import <source>'))
    .description(
      'Import a folder of recordings (recursively) or a CSV manifest (file,label[,speaker][,split])',
    )
    .option('--labels <list>', 'set the project label set, e.g. happy,sad,neutral')
    .option('--max-duration <seconds>', 'reject files longer than this (default 120)', positiveNumber)
    .option('--json', 'print the import summary as JSON on stdout, and nothing else there')
    .action(
      async (
        source: string,
        opts: { project?: string; labels?: string; maxDuration?: number; json?: boolean },
      ) => {
        const [{ openProject }, { importSource }, { parseLabelList }] = await Promise.all([
          import('../../core/dataset/node/project.js'),
          import('../../core/dataset/node/importer.js'),
          import('../../core/dataset/labels.js'),
        ]);
        const labels = opts.labels === undefined ? undefined : parseLabelList(opts.labels);
        const project = openProject(projectDirOf(opts), { create: true });
        const progress = createProgress('Importing');
        // Ctrl-C stops after the files in flight and still writes them; a second Ctrl-C quits at once.
        const abort = new AbortController();
        const onSigint = (): void => {
          if (abort.signal.aborted) process.exit(130);
          abort.abort();
        };
        process.on('SIGINT', onSigint);
        try {
          const summary = await importSource(project, source, {
            labels,
            maxDurationS: opts.maxDuration,
            signal: abort.signal,
            onProgress: (p) => progress.update(p.done, p.total, p.file),
          });
          progress.stop();
          process.stdout.write(opts.json ? JSON.stringify(summary) + '\n' : formatSummary(summary));
          if (summary.cancelled) process.exitCode = 130;
        } finally {
          progress.stop();
          process.off('SIGINT', onSigint);
          project.close();
        }
      },
    );
}
