import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { projectDirOf, withProjectOption } from '../project-option.js';

export function register(program: Command): void {
  withProjectOption(program.command('export-manifest'))
    .description(
      'Write the good clips as a CSV manifest (file,label,speaker,split,sha256) that `ser import` reads back',
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .option(
      '--relative',
      "paths relative to the manifest's folder (or the current folder) instead of absolute",
    )
    .action(async (opts: { project?: string; out?: string; relative?: boolean }) => {
      const [{ openProject }, { exportManifest }] = await Promise.all([
        import('../../core/dataset/node/project.js'),
        import('../../core/dataset/node/export-manifest.js'),
      ]);
      const project = openProject(projectDirOf(opts));
      try {
        const out = opts.out === undefined ? undefined : path.resolve(opts.out);
        const relativeTo = opts.relative ? (out ? path.dirname(out) : process.cwd()) : undefined;
        const csv = exportManifest(project, { relativeTo });
        if (out) {
          // Written beside and renamed, so a reader never sees half a manifest.
          const tmp = `${out}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, csv);
          fs.renameSync(tmp, out);
          process.stderr.write(`Wrote ${csv.split('\n').length - 2} clips to ${out}\n`);
        } else process.stdout.write(csv);
      } finally {
        project.close();
      }
    });
}
