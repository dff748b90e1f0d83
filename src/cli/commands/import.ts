import { Option, type Command } from 'commander';
import { LONG_RECORDING_S } from '../../core/dataset/long-recording-threshold.js';
import { DEFAULT_DETECTOR } from '../../core/recordings/speech-detector.js';
import { secondsOption } from '../seconds-option.js';
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
  if (s.recordings?.length) {
    lines.push(
      `Long recordings (over ${LONG_RECORDING_S} s), split into utterances (${s.recordings.length}):`,
    );
    for (const r of s.recordings)
      lines.push(
        `  ${r.path}: ${r.known ? 'already in the project, ' : ''}recording ${r.recordingId}, ${formatDuration(r.durationS)}, ${r.segments} segments${r.from === 'annotations' ? ' (from the annotation file beside it)' : ''}`,
      );
    lines.push('');
  }
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
    .addOption(
      new Option(
        '--segment <mode>',
        `auto: a file longer than ${LONG_RECORDING_S} s is a long recording, kept once and split into utterances by voice activity (or by a .TextGrid/.eaf of the same name beside it), each utterance a clip; off: every file is one clip, up to --max-duration`,
      )
        .choices(['auto', 'off'])
        .default('auto'),
    )
    .option(
      '--min-silence <seconds>',
      `long recordings: pauses shorter than this stay inside an utterance (default ${DEFAULT_DETECTOR.minSilenceS})`,
      secondsOption('--min-silence'),
    )
    .option(
      '--max-segment <seconds>',
      `long recordings: longer utterances are cut at their quietest moment (default ${DEFAULT_DETECTOR.maxSegmentS})`,
      secondsOption('--max-segment'),
    )
    .option(
      '--speaker <name>',
      'long recordings: their speaker, where no manifest or corpus naming gives one (default: one voice per recording, named after it)',
    )
    .action(
      async (
        source: string,
        opts: {
          project?: string;
          labels?: string;
          maxDuration?: number;
          json?: boolean;
          segment?: 'auto' | 'off';
          minSilence?: number;
          maxSegment?: number;
          speaker?: string;
        },
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
            segment: opts.segment ?? 'auto',
            detector: {
              ...(opts.minSilence !== undefined && { minSilenceS: opts.minSilence }),
              ...(opts.maxSegment !== undefined && { maxSegmentS: opts.maxSegment }),
            },
            speaker: opts.speaker,
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
