import type { VoiceUse } from '../../common/contract.js';
import type { Project } from '../dataset/node/project.js';
import type { KnownVoice } from '../model/inference/predict.js';
import type { VoiceStats } from '../voice/index.js';
import { conflict, notFound } from './errors.js';
import { currentModelRunId } from '../model/evaluation/node/current-model.js';
import { hasSavedModel } from '../model/evaluation/node/current-model.js';

export interface Prediction {
  label: string;
  confidence: number;
  probs: Record<string, number>;
  windows: number;
  voice: VoiceUse;
}

/** A loaded model that scores 16 kHz mono samples, given what is known of their voice. */
export interface Predictor {
  labels: string[];
  predict(samples: Float32Array, voice: KnownVoice | null): Promise<Prediction>;
  /** The voice with these samples added (a new voice when `voice` is null). */
  addToVoice(samples: Float32Array, voice: VoiceStats | null): Promise<VoiceStats>;
  /** A project speaker's voice, from all of their clips. */
  speakerVoice(project: Project, speaker: string): Promise<VoiceStats>;
  /** Throws when a voice from outside (a request) does not fit the model. */
  checkVoice(voice: VoiceStats): void;
  dispose(): void;
}

export type PredictorLoader = (modelDir: string) => Promise<Predictor>;

/**
 * Keeps the model last used for prediction loaded (loading one costs far more than scoring a clip), and only
 * that one, so trying several runs doesn't pile models up in memory.
 */
export class ModelCache {
  private loaded: { runId: number; predictor: Promise<Predictor> } | null = null;
  /** Speakers' voices for the loaded model, with the clip count they were measured on (a new clip re-measures). */
  private voices = new Map<string, { clips: number; voice: Promise<VoiceStats> }>();

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
      this.voices.clear();
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

  /** A project speaker's voice as the loaded model measures it, measured again when their clips change. */
  speakerVoice(predictor: Predictor, speaker: string): Promise<VoiceStats> {
    const clips = this.project.clips.count({ speaker, status: 'ok' });
    if (clips === 0) throw notFound(`no clips of speaker "${speaker}" in this project`);
    const cached = this.voices.get(speaker);
    if (cached?.clips === clips) return cached.voice;
    const voice = predictor.speakerVoice(this.project, speaker);
    this.voices.set(speaker, { clips, voice });
    voice.catch(() => this.voices.delete(speaker));
    return voice;
  }

  dispose(): void {
    const old = this.loaded;
    this.loaded = null;
    old?.predictor.then((p) => p.dispose()).catch(() => {});
  }
}
