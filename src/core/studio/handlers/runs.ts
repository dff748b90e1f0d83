import path from 'node:path';
import { runPredictions } from '../clip-table.js';
import { badRequest, notFound } from '../errors.js';
import { exportReport } from '../report-files.js';
import { chooseModel, isEvaluatedModel } from '../../model/evaluation/node/current-model.js';
import { currentModelView, runDetail, runFoldSpread, runSummary, runWarnings } from '../run-views.js';
import { mediaPaths } from '../../../common/media-urls.js';
import type { Handlers } from './types.js';

export const runHandlers: Pick<
  Handlers,
  'runs.list' | 'runs.get' | 'runs.predictions' | 'report.export' | 'model.choose'
> = {
  // Each look at the runs first retires those whose process is gone: the Train screen never follows a dead run.
  'runs.list': (ctx) => {
    ctx.project.runs.failOrphans();
    return ctx.project.runs.list().map(runSummary);
  },
  'runs.get': (ctx, p) => {
    ctx.project.runs.failOrphans();
    const run = ctx.project.runs.get(p.id);
    if (!run) throw notFound(`no run with id ${p.id}`);
    return {
      ...runDetail(run, ctx.project.runs.epochs(p.id), runWarnings(ctx.project, run)),
      foldSpread: runFoldSpread(ctx.project, run),
    };
  },
  'model.choose': (ctx, p) => {
    if (p.runId !== null) {
      const run = ctx.project.runs.get(p.runId);
      if (!run) throw notFound(`no run with id ${p.runId}`);
      if (!isEvaluatedModel(run))
        throw badRequest(
          `run ${p.runId} cannot be the model in use: only a finished training run scored on held-out clips, with its model saved, can`,
        );
    }
    chooseModel(ctx.project, p.runId);
    // The clip table shows the held-out predictions of the model in use.
    ctx.events.emit('dataset.changed', { reason: 'predictions' });
    return currentModelView(ctx.project);
  },
  'runs.predictions': (ctx, p) => {
    if (!ctx.project.runs.get(p.id)) throw notFound(`no run with id ${p.id}`);
    return runPredictions(ctx.project.db, p.id, { label: p.label, predicted: p.predicted, voice: p.voice });
  },
  'report.export': async (ctx, p) => {
    if (p.dir !== undefined) {
      // Only where the user chose, once: a page cannot write (and overwrite) into a folder of its own choice.
      const dir = path.resolve(p.dir);
      if (!ctx.exportFolders.delete(dir))
        throw badRequest(
          ctx.mode === 'web'
            ? 'report.export to a folder is not available in web mode: leave out dir and download the zip'
            : `report.export writes only to a folder chosen in the save dialog, not ${dir}`,
        );
      return exportReport(ctx.project, p.runId, dir);
    }
    // No folder: the browser downloads a zip (the transport adds its token to the URL).
    const run = ctx.project.runs.get(p.runId);
    if (!run) throw notFound(`no run with id ${p.runId}`);
    if (!run.reportDir) throw notFound(`run ${p.runId} has no report`);
    return { downloadUrl: mediaPaths.reportZip(p.runId) };
  },
};
