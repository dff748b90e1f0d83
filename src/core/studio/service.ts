import path from 'node:path';
import {
  isRequestName,
  parseParams,
  type EventName,
  type PredictionResult,
  type RequestName,
  type StudioEvents,
} from '../../common/contract.js';
import type { AugmentKind } from '../../common/media-urls.js';
import { openProject } from '../dataset/node/project.js';
import { ClipTable } from './clip-table.js';
import { currentModelRunId } from '../model/evaluation/node/current-model.js';
import type { StudioContext } from './context.js';
import { TypedEmitter } from '../util/emitter.js';
import { notFound, StudioError } from './errors.js';
import { watchExternalChanges } from './external-changes.js';
import { agreementHandlers } from './handlers/agreement.js';
import { clipHandlers } from './handlers/clips.js';
import { importHandlers } from './handlers/import.js';
import { predictAudio, predictHandlers, type VoiceRequest } from './handlers/predict.js';
import { projectHandlers } from './handlers/project.js';
import { recordHandlers } from './handlers/record.js';
import { recordingAudio, recordingHandlers } from './handlers/recordings.js';
import { runHandlers } from './handlers/runs.js';
import { trainHandlers } from './handlers/train.js';
import type { Handler, Handlers } from './handlers/types.js';
import { JobSlots } from './job-slots.js';
import { augmentedAudio, clipAudio } from './media.js';
import { ModelCache, type PredictorLoader } from './model-cache.js';
import { modelFile } from './model-files.js';
import { createNodeTrainingHost } from './node-training-host.js';
import { exportReport, reportZip } from './report-files.js';
import type { TrainingHost } from './training-host.js';
import { reserveUpload, type UploadTarget } from './uploads.js';

export interface StudioServiceOptions {
  projectDir: string;
  mode: 'electron' | 'web';
  /** Where training runs; default a worker_thread (web mode). Electron passes its utilityProcess host. */
  trainingHost?: TrainingHost;
  /** Loads a model folder for prediction; default the learning engine's loader. */
  predictorLoader?: PredictorLoader;
  /** better-sqlite3 binary built for Electron (see bin/rebuild-electron.js). */
  nativeBinding?: string;
  log?: (message: string) => void;
}

/** The one implementation of the contract over the engine, shared by the Electron and web shells. */
export interface StudioService {
  readonly projectDir: string;
  readonly mode: 'electron' | 'web';
  /** Validates `params` against the contract and runs the request; throws StudioError/ContractError. */
  handle(method: string, params: unknown): Promise<unknown>;
  on<E extends EventName>(event: E, handler: (payload: StudioEvents[E]) => void): () => void;
  /** Every event, for a transport that forwards them all. */
  onAny(handler: <E extends EventName>(event: E, payload: StudioEvents[E]) => void): () => void;
  clipAudio(clipId: number): Promise<{ bytes: Uint8Array; mime: string }>;
  augmentedAudio(clipId: number, kind: AugmentKind): Promise<Uint8Array>;
  /** A stretch of a long recording (milliseconds) as a 16 kHz WAV. */
  recordingAudio(recordingId: number, fromMs: number, toMs: number): Promise<Uint8Array>;
  modelFile(runId: number, name: string): Promise<{ bytes: Uint8Array; mime: string }>;
  reportZip(runId: number): Promise<{ bytes: Uint8Array; name: string }>;
  exportReport(runId: number, dir: string): Promise<{ dir: string; files: string[] }>;
  /**
   * Lets one `report.export {dir}` write to `dir`: the desktop app calls it with the folder its save dialog
   * returned. Without it (and always in web mode, which downloads a zip) a renderer cannot name a folder.
   */
  allowReportExport(dir: string): void;
  /** Reserves a file for a browser upload under the project's uploads folder. */
  reserveUpload(name: string, batch?: string): UploadTarget;
  /** Scores audio; `voice` says what is known of its voice (a project speaker, or the voice heard so far). */
  predict(name: string, bytes: Uint8Array, runId?: number, voice?: VoiceRequest): Promise<PredictionResult>;
  /** Ends running jobs (a training keeps its best model if it can within a few seconds) and closes the project. */
  close(): Promise<void>;
}

const HANDLERS: Handlers = {
  ...projectHandlers,
  ...clipHandlers,
  ...agreementHandlers,
  ...importHandlers,
  ...trainHandlers,
  ...runHandlers,
  ...predictHandlers,
  ...recordHandlers,
  ...recordingHandlers,
};

async function defaultPredictorLoader(modelDir: string): ReturnType<PredictorLoader> {
  const { loadEnginePredictor } = await import('./engine-predictor.js');
  return loadEnginePredictor(modelDir);
}

/** The project opened (created if need be) and everything the handlers share. */
function openContext(opts: StudioServiceOptions): StudioContext {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const project = openProject(opts.projectDir, { create: true });
  return {
    project,
    table: new ClipTable(project.db, () => currentModelRunId(project)),
    mode: opts.mode,
    events: new TypedEmitter<StudioEvents>((err) => log(`event handler failed: ${String(err)}`)),
    jobs: new JobSlots(),
    trainingHost: opts.trainingHost ?? createNodeTrainingHost(),
    models: new ModelCache(project, opts.predictorLoader ?? defaultPredictorLoader),
    nativeBinding: opts.nativeBinding,
    exportFolders: new Set(),
    log,
  };
}

export function createStudioService(opts: StudioServiceOptions): StudioService {
  const ctx = openContext(opts);
  const { project, events } = ctx;
  // `ser` commands run against the same project while the studio is open show up on its screens too.
  const external = watchExternalChanges(project.db, () =>
    events.emit('dataset.changed', { reason: 'external' }),
  );
  events.on('dataset.changed', (e) => {
    if (e.reason !== 'external') external.resync();
  });
  let closed = false;
  const open = (): void => {
    if (closed) throw new StudioError('unavailable', 'the studio is closing');
  };
  const whileOpen =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      open();
      return fn(...args);
    };

  return {
    projectDir: project.dir,
    mode: opts.mode,
    async handle(method, params) {
      open();
      if (!isRequestName(method)) throw notFound(`unknown request: ${method}`);
      const handler = HANDLERS[method] as Handler<RequestName>;
      return handler(ctx, parseParams(method, params));
    },
    on: (event, handler) => events.on(event, handler),
    onAny: (handler) => events.onAny(handler),
    clipAudio: whileOpen((id) => clipAudio(project, id)),
    augmentedAudio: whileOpen((id, kind) => augmentedAudio(project, id, kind)),
    recordingAudio: whileOpen(async (id, fromMs, toMs) => recordingAudio(project, id, fromMs, toMs)),
    modelFile: whileOpen((runId, name) => modelFile(project, runId, name)),
    reportZip: whileOpen((runId) => reportZip(project, runId)),
    exportReport: whileOpen((runId, dir) => exportReport(project, runId, dir)),
    allowReportExport: (dir) => {
      if (opts.mode === 'electron') ctx.exportFolders.add(path.resolve(dir));
    },
    reserveUpload: (name, batch) => {
      open();
      return reserveUpload(project.paths.uploads, name, batch);
    },
    predict: whileOpen((name, bytes, runId, voice) => predictAudio(ctx, name, bytes, runId, voice)),
    async close() {
      if (closed) return;
      closed = true;
      external.stop();
      await ctx.jobs.stopAll();
      ctx.models.dispose();
      events.clear();
      project.close();
    },
  };
}
