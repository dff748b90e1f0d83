import type { Project } from '../dataset/node/project.js';
import { conflict, notFound } from './errors.js';
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

  /**
   * The model in use, or the run the caller names: a finished run's model, or a cancelled run's partial one
   * (`partial`: nothing measured it, and the answer must say so). A run still training or failed has no
   * model to answer with.
   */
  async get(runId?: number): Promise<{ runId: number; partial: boolean; predictor: Predictor }> {
    const id = runId ?? currentModelRunId(this.project);
    if (id === null) throw notFound('no evaluated model in this project yet: train one to the end first');
    const run = this.project.runs.get(id);
    if (!run) throw notFound(`no run with id ${id}`);
    if (run.status === 'running' || run.status === 'failed')
      throw conflict(
        `run ${id} ${run.status === 'running' ? 'is still running' : 'failed'}: it has no finished model to predict with; name a finished run, or leave runId out for the model in use`,
      );
    const partial = run.status === 'cancelled';
    if (this.loaded?.runId !== id) {
      if (!run.modelDir || !hasSavedModel(run)) throw notFound(`run ${id} has no saved model`);
      this.dispose();
      const predictor = this.loader(run.modelDir);
      this.loaded = { runId: id, predictor };
      predictor.catch(() => {
        if (this.loaded?.predictor === predictor) this.loaded = null;
      });
    }
    return {
      runId: id,
      partial,
      predictor: await (this.loaded as { predictor: Promise<Predictor> }).predictor,
    };
  }

  dispose(): void {
    const old = this.loaded;
    this.loaded = null;
    old?.predictor.then((p) => p.dispose()).catch(() => {});
  }
}
