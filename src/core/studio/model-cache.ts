import type { Project } from '../dataset/node/project.js';
import { notFound } from './errors.js';
import { currentModelRunId } from '../model/node/current-model.js';
import { hasSavedModel } from '../model/node/current-model.js';

export interface Prediction {
  label: string;
  confidence: number;
  probs: Record<string, number>;
  windows: number;
}

/** A loaded model that scores 16 kHz mono samples. */
export interface Predictor {
  labels: string[];
  predict(samples: Float32Array): Promise<Prediction>;
  dispose(): void;
}

export type PredictorLoader = (modelDir: string) => Promise<Predictor>;

/**
 * Keeps the model last used for prediction loaded (loading one costs far more than scoring a clip), and only
 * that one, so trying several runs doesn't pile models up in memory.
 */
export class ModelCache {
  private loaded: { runId: number; predictor: Promise<Predictor> } | null = null;

  constructor(
    private readonly project: Project,
    private readonly loader: PredictorLoader,
  ) {}

  async get(runId?: number): Promise<{ runId: number; predictor: Predictor }> {
    // The model in use unless the caller names a run (any run with a saved model: an explicit choice).
    const id = runId ?? currentModelRunId(this.project);
    if (id === null) throw notFound('no evaluated model in this project yet: train one to the end first');
    if (this.loaded?.runId !== id) {
      const run = this.project.runs.get(id);
      if (!run) throw notFound(`no run with id ${id}`);
      if (!run.modelDir || !hasSavedModel(run)) throw notFound(`run ${id} has no saved model`);
      this.dispose();
      const predictor = this.loader(run.modelDir);
      this.loaded = { runId: id, predictor };
      predictor.catch(() => {
        if (this.loaded?.predictor === predictor) this.loaded = null;
      });
    }
    return { runId: id, predictor: await (this.loaded as { predictor: Promise<Predictor> }).predictor };
  }

  dispose(): void {
    const old = this.loaded;
    this.loaded = null;
    old?.predictor.then((p) => p.dispose()).catch(() => {});
  }
}
