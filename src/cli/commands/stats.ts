import type { Command } from 'commander';
import { projectDirOf, withProjectOption } from '../project-option.js';

/** Two aligned columns, largest count first; what `import` and `stats` print. */
export function formatCounts(
  title: string,
  counts: Record<string, number>,
  mark?: (key: string) => string,
): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (entries.length === 0) return `${title}: none\n`;
  const width = Math.max(title.length, ...entries.map(([k]) => k.length));
  const numWidth = Math.max(5, ...entries.map(([, n]) => String(n).length));
  const lines = [`${title.padEnd(width)}  ${'clips'.padStart(numWidth)}`];
  for (const [k, n] of entries)
    lines.push(`${k.padEnd(width)}  ${String(n).padStart(numWidth)}${mark?.(k) ?? ''}`);
  return lines.join('\n') + '\n';
}

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${seconds.toFixed(1)} s`;
}

export function register(program: Command): void {
  withProjectOption(program.command('stats'))
    .description('Show the clips of a project per label, speaker, split and status, and their total duration')
    .option('--json', 'print the numbers as JSON')
    .option(
      '--agreement',
      "how far the annotators agree: Cohen's kappa (two) or Fleiss' kappa (more), Krippendorff's alpha, per class, per pair, acted against perceived",
    )
    .action(async (opts: { project?: string; json?: boolean; agreement?: boolean }) => {
      const { openProject } = await import('../../core/dataset/node/project.js');
      const project = openProject(projectDirOf(opts));
      try {
        if (opts.agreement) {
          const [{ projectAgreementInSlices }, { agreementText }, { createProgress }] = await Promise.all([
            import('../../core/agreement/node/project-agreement.js'),
            import('../../core/agreement/agreement-text.js'),
            import('../progress.js'),
          ]);
          // A project of many annotators takes seconds: a bar on the terminal says how far it is.
          const progress = createProgress('agreement');
          const report = await projectAgreementInSlices(project, {
            onProgress: (share) => progress.update(Math.round(share * 100), 100),
          });
          progress.stop();
          process.stdout.write(opts.json ? JSON.stringify(report) + '\n' : agreementText(report));
          return;
        }
        const stats = project.clips.stats();
        const labelSet = project.settings.labelSet();
        if (opts.json) {
          process.stdout.write(JSON.stringify({ project: project.dir, labelSet, ...stats }) + '\n');
          return;
        }
        const inSet = new Set<string>(labelSet);
        const out = [
          `Project ${project.dir}`,
          `${stats.perStatus.ok} clips (${formatDuration(stats.durationS)}), ${stats.perStatus.rejected} rejected file${stats.perStatus.rejected === 1 ? '' : 's'}, ` +
            `${stats.unlabelled} unlabelled; label set: ${labelSet.join(', ')}`,
          '',
          formatCounts('label', stats.perLabel, (k) => (inSet.has(k) ? '' : '  (not in the label set)')),
          formatCounts('speaker', stats.perSpeaker),
          formatCounts('split', stats.perSplit),
        ];
        process.stdout.write(out.join('\n'));
      } finally {
        project.close();
      }
    });
}
