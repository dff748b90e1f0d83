import type { Command } from 'commander';
import { projectDirOf, withProjectOption } from '../project-option.js';

export function register(program: Command): void {
  withProjectOption(program.command('undo'))
    .description(
      'Undo the last relabel or segment edit (a bulk relabel is undone as a whole); repeat to go further back',
    )
    .action(async (opts: { project?: string }) => {
      const { openProject } = await import('../../core/dataset/node/project.js');
      const project = openProject(projectDirOf(opts));
      try {
        const result = project.labels.undo();
        if (!result.undone) {
          process.stdout.write('Nothing to undo.\n');
          return;
        }
        const n = result.changed.length;
        const what = result.undone.source === 'segment' ? 'segment edit' : `${result.undone.source} relabel`;
        const lines = [`Undid a ${what} of ${n} clip${n === 1 ? '' : 's'}:`];
        for (const c of result.changed)
          lines.push(`  ${c.path}: ${c.from ?? 'unlabelled'} -> ${c.to ?? 'unlabelled'}`);
        process.stdout.write(lines.join('\n') + '\n');
      } finally {
        project.close();
      }
    });
}
