// A training run of a project as its steps share it: the settings resolved for it and its record.
import type { TrainProgress } from '../../../../common/contract.js';
import type { LabelledClip, Project } from '../../../dataset/node/index.js';
import { backendAdvice } from '../../backend/backend-advice.js';
import { selectBackend, type BackendInfo, type BackendPreference } from '../../backend/node/select.js';
import { NO_BATCH_NUMBERS, type TrainEmitter } from '../train-events.js';
import { resolveTrainConfig, type SplitSpec, type TrainConfig } from '../../config.js';
import { decideSplit } from '../refusals.js';

export interface TrainProjectOptions {
  projectDir: string;
  /** Settings to change from the defaults; labels default to the project's label set. */
  config?: Partial<TrainConfig>;
  backend?: BackendPreference;
  modelDir?: string;
  reportDir?: string;
  events?: TrainEmitter;
  signal?: AbortSignal;
  /** 'inline' makes batches on the training's own thread (a batch worker beside it is the default). */
  batches?: 'worker' | 'inline';
  /**
   * Trainings at once (folds side by side, each in a worker thread); default: the machine's cores less
   * one, as many as memory allows (see planPool). The results are the same for any value.
   */
  jobs?: number;
}

/** What every progress event of a run shares outside its trainings. */
export type RunProgressBase = Omit<TrainProgress, 'phase' | 'etaS' | 'message' | 'pool' | 'fraction'>;

export interface TrainRun {
  project: Project;
  opts: TrainProjectOptions;
  id: number;
  config: TrainConfig;
  clips: LabelledClip[];
  split: SplitSpec;
  backend: BackendInfo;
  fingerprint: string;
  progress: RunProgressBase;
}

/**
 * Resolves the run's settings, refuses (TrainRefusal) data that cannot train a classifier, selects the
 * backend, and only then records the run in the project.
 */
export async function openRun(project: Project, opts: TrainProjectOptions): Promise<TrainRun> {
  const labels = opts.config?.labels ?? project.settings.labelSet();
  const config = resolveTrainConfig({ ...opts.config, labels: [...labels] });
  const clips = project.clips.labelled(config.labels);
  const decision = decideSplit(clips, config.labels, config.split);
  const backend = await selectBackend(opts.backend ?? 'auto');
  opts.events?.emit('message', { level: 'info', text: `backend: ${backend.detail}` });
  // A fallback from native TensorFlow says why and how to get it; other fallbacks (wasm -> cpu) as they are.
  const advice = backendAdvice(backend);
  const others = advice ? backend.fallbacks.filter((r) => !r.startsWith('tfjs-node')) : backend.fallbacks;
  for (const reason of others) opts.events?.emit('message', { level: 'info', text: `backend: ${reason}` });
  if (advice) opts.events?.emit('message', { level: 'info', text: `backend: ${advice}` });
  const fingerprint = project.datasetFingerprint(config.labels);
  const id = project.runs.create({
    kind: 'train',
    labels: config.labels,
    config,
    split: decision.split,
    backend: backend.detail,
    datasetFingerprint: fingerprint,
  });
  return {
    project,
    opts,
    id,
    config,
    clips,
    split: decision.split,
    backend,
    fingerprint,
    progress: progressBaseOf(id, config, backend),
  };
}

function progressBaseOf(id: number, config: TrainConfig, backend: BackendInfo): RunProgressBase {
  return {
    runId: id,
    fold: 0,
    folds: 0,
    ...NO_BATCH_NUMBERS,
    epochs: config.epochs,
    backend: backend.detail,
  };
}

/** A step of the run outside its trainings (features, saving, the report), as a progress event. */
export function emitStep(run: TrainRun, phase: TrainProgress['phase'], message: string): void {
  run.opts.events?.emit('progress', { ...run.progress, phase, etaS: null, message });
}
