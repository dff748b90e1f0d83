import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ImportProgress } from '../../../common/contract.js';
import { importSource } from '../../dataset/node/index.js';
import { badRequest } from '../errors.js';
import type { StudioContext } from '../context.js';
import type { Handlers } from './types.js';
import { errorMessage } from '../../../common/error-message.js';

/** How long recordings are split, as `ser import` takes it (--segment, --min-silence, --max-segment). */
interface ImportSegmenting {
  segment: 'auto' | 'off';
  minSilenceS?: number;
  maxSegmentS?: number;
}

/** Progress events are throttled: a fast import of small files would otherwise flood the UI. */
const PROGRESS_INTERVAL_MS = 100;

function checkSource(source: string): string {
  const resolved = path.resolve(source);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw badRequest(`import source not found: ${resolved}`);
  }
  if (!stat.isDirectory() && !(stat.isFile() && resolved.toLowerCase().endsWith('.csv'))) {
    throw badRequest(`import source must be a folder or a .csv manifest: ${resolved}`);
  }
  return resolved;
}

function startImport(ctx: StudioContext, source: string, segmenting: ImportSegmenting): string {
  const resolved = checkSource(source);
  const jobId = randomUUID();
  const controller = new AbortController();
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  ctx.jobs.claim('import', jobId, async () => {
    controller.abort();
    await done;
  });

  let lastSent = 0;
  let pending: ImportProgress | null = null;
  const send = (p: ImportProgress): void => {
    lastSent = Date.now();
    pending = null;
    ctx.events.emit('import.progress', p);
  };
  void (async () => {
    try {
      const summary = await importSource(ctx.project, resolved, {
        segment: segmenting.segment,
        detector: {
          ...(segmenting.minSilenceS !== undefined && { minSilenceS: segmenting.minSilenceS }),
          ...(segmenting.maxSegmentS !== undefined && { maxSegmentS: segmenting.maxSegmentS }),
        },
        signal: controller.signal,
        onProgress: (p) => {
          const progress: ImportProgress = { jobId, ...p };
          if (Date.now() - lastSent >= PROGRESS_INTERVAL_MS || p.done === p.total) send(progress);
          else pending = progress;
        },
      });
      if (pending) send(pending);
      ctx.events.emit('import.done', { jobId, summary });
      ctx.events.emit('dataset.changed', { reason: 'import' });
    } catch (err) {
      const message = controller.signal.aborted ? 'import stopped' : `import failed: ${errorMessage(err)}`;
      if (!controller.signal.aborted) ctx.log(`${message}\n${err instanceof Error ? err.stack : ''}`);
      ctx.events.emit('import.error', { jobId, message });
      // Batches written before the failure are in the database: the table should show them.
      ctx.events.emit('dataset.changed', { reason: 'import' });
    } finally {
      ctx.jobs.release('import', jobId);
      finished();
    }
  })();
  return jobId;
}

export const importHandlers: Pick<Handlers, 'import.start'> = {
  'import.start': (ctx, p) => ({ jobId: startImport(ctx, p.source, p) }),
};
