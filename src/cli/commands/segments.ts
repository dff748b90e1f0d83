import fs from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import {
  formatOfName,
  INTERCHANGE_FORMATS,
  type InterchangeFormat,
} from '../../core/recordings/interchange/index.js';
import { projectDirOf, withProjectOption } from '../project-option.js';
import { formatDuration } from './stats.js';

function recordingId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`a recording is named by its id (see ser segments list), not "${value}"`);
  return n;
}

export function register(program: Command): void {
  const segments = program
    .command('segments')
    .description(
      "Long recordings' segments: list them, export them to Praat, ELAN, Audacity or CSV, import them back",
    );

  withProjectOption(segments.command('list [recording]'))
    .description("The long recordings of the project, or one recording's segments (start, end, label)")
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, opts: { project?: string; json?: boolean }) => {
      const { openProject } = await import('../../core/dataset/node/project.js');
      const project = openProject(projectDirOf(opts));
      try {
        if (id === undefined) {
          const all = project.recordings.summaries();
          if (opts.json) return void process.stdout.write(`${JSON.stringify(all)}\n`);
          if (all.length === 0) return void process.stdout.write('No long recordings in this project.\n');
          for (const r of all)
            process.stdout.write(
              `${String(r.id).padStart(4)}  ${formatDuration(r.durationS).padEnd(10)} ${String(r.segments).padStart(5)} segments  ${r.speaker}  ${r.sourcePath}\n`,
            );
          return;
        }
        const rec = project.recordings.get(recordingId(id));
        if (!rec) throw new Error(`no recording with id ${id}`);
        const rows = project.recordings.segments(rec.id);
        if (opts.json)
          return void process.stdout.write(
            `${JSON.stringify(rows.map(({ clipId, startS, endS, label }) => ({ clipId, start: startS, end: endS, label })))}\n`,
          );
        for (const s of rows)
          process.stdout.write(
            `${String(s.clipId).padStart(6)}  ${s.startS.toFixed(3).padStart(9)}  ${s.endS.toFixed(3).padStart(9)}  ${s.label ?? 'unlabelled'}\n`,
          );
      } finally {
        project.close();
      }
    });

  withProjectOption(segments.command('export <recording>'))
    .description(
      "Write a recording's segments and labels as a Praat TextGrid, an ELAN .eaf, Audacity labels or a CSV",
    )
    .addOption(
      new Option(
        '--format <format>',
        "the file format (default: from --out's extension, else textgrid)",
      ).choices([...INTERCHANGE_FORMATS]),
    )
    .option('--out <file>', 'write here (default: stdout)')
    .action(async (id: string, opts: { project?: string; format?: InterchangeFormat; out?: string }) => {
      const [{ openProject }, { exportSegments }] = await Promise.all([
        import('../../core/dataset/node/project.js'),
        import('../../core/recordings/node/interchange-io.js'),
      ]);
      const format = opts.format ?? (opts.out ? formatOfName(opts.out) : null) ?? 'textgrid';
      const project = openProject(projectDirOf(opts));
      try {
        const text = exportSegments(project, recordingId(id), format);
        if (opts.out) fs.writeFileSync(opts.out, text);
        else process.stdout.write(text);
      } finally {
        project.close();
      }
    });

  withProjectOption(segments.command('import <recording> <file>'))
    .description(
      "Replace a recording's segments by the intervals of a TextGrid, .eaf, Audacity label file (.txt) or CSV, as one step `ser undo` reverts",
    )
    .addOption(
      new Option('--format <format>', "the file's format (default: from its extension)").choices([
        ...INTERCHANGE_FORMATS,
      ]),
    )
    .option(
      '--tier <name>',
      'the tier to read (default: the one named "emotion", else the first with annotations)',
    )
    .action(
      async (
        id: string,
        file: string,
        opts: { project?: string; format?: InterchangeFormat; tier?: string },
      ) => {
        const [{ openProject }, { importSegments }] = await Promise.all([
          import('../../core/dataset/node/project.js'),
          import('../../core/recordings/node/interchange-io.js'),
        ]);
        const format = opts.format ?? formatOfName(file);
        if (!format) throw new Error(`cannot tell the format of ${file} from its name: give --format`);
        const project = openProject(projectDirOf(opts));
        try {
          const r = importSegments(project, recordingId(id), file, format, opts.tier);
          const labelled = r.segments.filter((s) => s.label !== null).length;
          process.stdout.write(
            `Recording ${r.recordingId}: ${r.segments.length} segments from tier "${r.tier}" of ${file}, ${labelled} labelled.\n`,
          );
          const unknown = Object.entries(r.unknownLabels);
          if (unknown.length > 0)
            process.stdout.write(
              `Labels the studio does not know, left unlabelled: ${unknown.map(([w, n]) => `${JSON.stringify(w)} (${n})`).join(', ')}\n`,
            );
        } finally {
          project.close();
        }
      },
    );
}
