// A stand-in for the engine's predictor in server and studio tests: the caller's predict, and voices that
// only count their clips (what a test of the plumbing needs, without loading a model).
import type { Prediction, Predictor } from '../../src/core/studio/model-cache.js';
import { addToVoice, emptyVoice, type VoiceStats } from '../../src/core/voice/index.js';

type Guess = Omit<Prediction, 'voice'> & Partial<Pick<Prediction, 'voice'>>;

export function fakePredictor(
  labels: string[],
  predict: (samples: Float32Array, voice: Parameters<Predictor['predict']>[1]) => Guess | Promise<Guess>,
): Predictor {
  const clip = (samples: Float32Array) => Float32Array.of(samples.length, 1);
  return {
    labels,
    async predict(samples, voice) {
      const r = await predict(samples, voice);
      return {
        ...r,
        voice: r.voice ?? {
          kind: voice ? voice.kind : 'population',
          clips: voice?.stats.clips ?? 0,
          seconds: voice?.stats.seconds ?? 0,
          weight: 0,
          text: voice ? voice.kind : 'population',
          ...(voice?.speaker ? { speaker: voice.speaker } : {}),
        },
      };
    },
    addToVoice: async (samples, voice) =>
      addToVoice(voice ?? emptyVoice(2), clip(samples), samples.length / 16000),
    speakerVoice: async (project, speaker): Promise<VoiceStats> => {
      let v = emptyVoice(2);
      for (const c of project.clips.list({ speaker, status: 'ok' }))
        v = addToVoice(v, Float32Array.of(c.id, 1), 1);
      return v;
    },
    checkVoice(voice) {
      if (voice.sum.length !== 2)
        throw new Error(`the voice: a voice of ${voice.sum.length} statistics, the model uses 2`);
    },
    dispose: () => {},
  };
}
