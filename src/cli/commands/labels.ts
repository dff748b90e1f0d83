import type { Command } from 'commander';
import { projectDirOf, withProjectOption } from '../project-option.js';

export function register(program: Command): void {
  withProjectOption(program.command('labels'))
    .description("Show or set the project's label set: the emotions a model is trained on")
    .option('--set <list>', 'the new label set, e.g. happy,sad,neutral,angry')
    .option('--json', 'print the label set and counts as JSON')
    .action(async (opts: { project?: string; set?: string; json?: boolean }) => {
      const [{ openProject }, { CANONICAL_LABELS }] = await Promise.all([
        import('../../core/dataset/node/project.js'),
        import('../../core/dataset/labels.js'),
      ]);
      const project = openProject(projectDirOf(opts), { create: opts.set !== undefined });
      try {
        const labelSet =
          opts.set === undefined ? project.settings.labelSet() : project.settings.setLabelSet(opts.set);
        const { perLabel, unlabelled } = project.clips.stats();
        const inSet = labelSet.reduce((n, l) => n + (perLabel[l] ?? 0), 0);
        if (opts.json) {
          process.stdout.write(
            JSON.stringify({
              labelSet,
              available: CANONICAL_LABELS,
              perLabel,
              unlabelled,
              inLabelSet: inSet,
            }) + '\n',
          );
          return;
        }
        const lines = [`Label set: ${labelSet.join(', ')}${opts.set === undefined ? '' : ' (saved)'}`];
        lines.push(`${inSet} clips carry a label of the set; ${unlabelled} are unlabelled.`);
        lines.push('');
        for (const l of CANONICAL_LABELS) {
          lines.push(
            `  ${labelSet.includes(l) ? '*' : ' '} ${l.padEnd(9)} ${String(perLabel[l] ?? 0).padStart(6)}`,
          );
        }
        const others = Object.keys(perLabel).filter(
          (l) => !(CANONICAL_LABELS as readonly string[]).includes(l),
        );
        for (const l of others)
          lines.push(`    ${l.padEnd(9)} ${String(perLabel[l]).padStart(6)}  (not a known emotion word)`);
        lines.push('', 'Change it with: ser labels --set happy,sad,neutral,angry');
        process.stdout.write(lines.join('\n') + '\n');
      } finally {
        project.close();
      }
    });
}
