import path from 'node:path';
import type { Command } from 'commander';
import { checkAnnotatorName } from '../../common/annotator-name.js';
import { projectDirOf, withProjectOption } from '../project-option.js';

export function register(program: Command): void {
  withProjectOption(program.command('relabel <clip> <label>'))
    .description('Set the label of a clip, given by its file path or its id (undo with `ser undo`)')
    .option(
      '--annotator <name>',
      "the label is this annotator's: the clip's label becomes the annotators' majority (any spelling of a name the project knows is that person: case, spaces and invisible characters aside; at most 100 characters)",
    )
    .action(async (clipArg: string, labelArg: string, opts: { project?: string; annotator?: string }) => {
      const [{ openProject }, { canonicalLabel, UnknownLabelError }] = await Promise.all([
        import('../../core/dataset/node/project.js'),
        import('../../core/dataset/labels.js'),
      ]);
      const label = canonicalLabel(labelArg);
      if (!label) throw new UnknownLabelError(labelArg);
      // Refused before the project opens: an empty or over-long name is a mistake in the command.
      if (opts.annotator !== undefined) checkAnnotatorName(opts.annotator);
      const project = openProject(projectDirOf(opts));
      try {
        const clip =
          (/^\d+$/.test(clipArg) ? project.clips.get(Number(clipArg)) : undefined) ??
          project.clips.getByPath(path.resolve(clipArg));
        if (!clip) throw new Error(`no clip "${clipArg}" in ${project.dir} (give its file path or its id)`);
        const result = project.labels.relabel([clip.id], label, { annotator: opts.annotator ?? null });
        const annotator = result.annotator;
        const inSet = project.settings.labelSet().includes(label);
        const note = inSet ? '' : ` (note: ${label} is not in the label set; see \`ser labels\`)`;
        process.stdout.write(
          result.changed.length === 0
            ? `${clip.path} is already ${label}${annotator ? ` for ${annotator}` : ''}\n`
            : annotator
              ? `${clip.path}: ${annotator} says ${label}; the clip's label is ${result.changed[0].to ?? 'unlabelled'}${note}\n`
              : `${clip.path}: ${clip.label ?? 'unlabelled'} -> ${label}${note}\n`,
        );
      } finally {
        project.close();
      }
    });
}
