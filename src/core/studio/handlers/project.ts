import path from 'node:path';
import { CANONICAL_LABELS } from '../../../common/labels.js';
import type { DatasetStats } from '../../../common/contract.js';
import type { Project } from '../../dataset/node/project.js';
import { defaultPoolJobs } from '../../model/training/node/pool-jobs.js';
import { currentModelView } from '../run-views.js';
import type { Handlers } from './types.js';

export function datasetStats(project: Project): DatasetStats {
  const s = project.clips.stats();
  return {
    clips: s.perStatus.ok,
    rejected: s.perStatus.rejected,
    durationS: s.durationS,
    perLabel: s.perLabel,
    perSpeaker: s.perSpeaker,
    perSplit: s.perSplit,
    unlabelled: s.unlabelled,
  };
}

export const projectHandlers: Pick<Handlers, 'project.info' | 'dataset.stats' | 'labels.set'> = {
  'project.info': (ctx) => ({
    dir: ctx.project.dir,
    name: path.basename(ctx.project.dir),
    labels: ctx.project.settings.labelSet(),
    canonicalLabels: [...CANONICAL_LABELS],
    stats: datasetStats(ctx.project),
    currentModel: currentModelView(ctx.project),
    mode: ctx.mode,
    defaultJobs: defaultPoolJobs(),
  }),
  'dataset.stats': (ctx) => datasetStats(ctx.project),
  'labels.set': (ctx, p) => {
    const labels = ctx.project.settings.setLabelSet(p.labels);
    ctx.events.emit('dataset.changed', { reason: 'labels' });
    return { labels };
  },
};
