// What a fold fits may come from its training speakers only: change everything about its held-out speaker (their
// audio, their labels) and nothing fitted may move. And every fold is its own training: its own seeds, the same
// whether the folds train one at a time or side by side.
import { describe, expect, it } from 'vitest';
import { resolveTrainConfig } from '../../../src/core/model/config.js';
import { bankSpec, createFeatureBank } from '../../../src/core/model/feature-bank.js';
import { trainingPlanOf } from '../../../src/core/model/training/folds.js';
import { trainTasksOf } from '../../../src/core/model/training/node/experiment-tasks.js';
import { classicRows } from '../../../src/core/model/recipe/classic-folds.js';
import { sidePredictions } from '../../../src/core/model/recipe/side-predictions.js';
import type { PredictionRow } from '../../../src/core/metrics/index.js';
import { FRAMES, MELS, syntheticClip } from './synthetic.js';

const LABELS = ['happy', 'sad', 'neutral'];
const SPEAKERS = ['s1', 's2', 's3', 's4'];

function corpus() {
  const specs = [];
  const clips = [];
  for (let i = 0; i < 12 * SPEAKERS.length; i++) {
    const s = Math.floor(i / 12);
    const spec = syntheticClip(i % 3, 77 + i);
    for (let k = 0; k < spec.data.length; k++) spec.data[k] += 5 * s;
    specs.push(spec);
    clips.push({ id: i + 1, file: `c${i}.wav`, speaker: SPEAKERS[s], label: LABELS[i % 3] });
  }
  return { bank: createFeatureBank(specs), clips };
}

/** s1's audio replaced and its labels rotated: everything a leak could carry into a fit. */
function scrambleS1(c: ReturnType<typeof corpus>) {
  c.clips.forEach((clip, i) => {
    if (clip.speaker !== 's1') return;
    c.clips[i] = { ...clip, label: LABELS[(LABELS.indexOf(clip.label) + 1) % 3] };
    bankSpec(c.bank, i).data.fill(-11 * (i % 4));
  });
  return c;
}

const config = resolveTrainConfig({
  labels: LABELS,
  split: 'loso',
  cropFrames: FRAMES,
  windowHopFrames: 12,
  featureConfig: { ...resolveTrainConfig().featureConfig, nMels: MELS, nMfcc: MELS },
});

describe('a fold’s fits come from its training speakers only', () => {
  it('its input normalisation does not move when its held-out speaker changes in every way', () => {
    const tasks = (c: ReturnType<typeof corpus>) => {
      const { plan } = trainingPlanOf(c.clips, config, true);
      return trainTasksOf(plan, c.clips, c.bank, config);
    };
    const plain = tasks(corpus());
    const scrambled = tasks(scrambleS1(corpus()));
    // fold 0 holds s1 out: its normalisation, class weights and training items are the same
    expect(scrambled[0].plan.norm).toEqual(plain[0].plan.norm);
    expect(scrambled[0].plan.classWeights).toEqual(plain[0].plan.classWeights);
    expect(scrambled[0].train).toEqual(plain[0].train);
    // the folds that train on s1 do see the change
    expect(scrambled[1].plan.norm).not.toEqual(plain[1].plan.norm);
  });

  it('its classic model scores a new voice the same when its held-out speaker changes in every way', () => {
    const newVoice = (c: ReturnType<typeof corpus>) => {
      // The CNN's folds as a run gives them: fold k holds out speaker k (probabilities do not matter here).
      const cnn: PredictionRow[] = c.clips.map((clip) => ({
        file: clip.file,
        clipId: clip.id,
        speaker: clip.speaker,
        label: clip.label,
        predicted: clip.label,
        confidence: 1,
        probs: [1 / 3, 1 / 3, 1 / 3],
        fold: SPEAKERS.indexOf(clip.speaker),
      }));
      const { conditions } = sidePredictions({
        cnn,
        data: {
          rows: classicRows(c.bank),
          speakers: c.clips.map((x) => x.speaker),
          labels: c.clips.map((x) => LABELS.indexOf(x.label)),
          classes: 3,
        },
        labels: LABELS,
        indexOfClip: new Map(c.clips.map((x, i) => [x.id, i])),
        speakerNormFor: () => 'mean',
        runSeed: 0,
      });
      return conditions.get('new')!.classic;
    };
    const plain = newVoice(corpus());
    // s1 relabelled and every clip but its first replaced: a new voice's score of that first clip depends on
    // neither s1's labels nor s1's other clips, since fold 0 never trained on s1.
    const changed = scrambleS1(corpus());
    bankSpec(changed.bank, 0).data.set(bankSpec(corpus().bank, 0).data);
    const after = newVoice(changed);
    const probsOf = (rows: PredictionRow[], id: number) => rows.find((p) => p.clipId === id)!.probs;
    expect(probsOf(after, 1)).toEqual(probsOf(plain, 1));
    // s2's clips are scored by fold 1, which trained on s1: they move
    expect(probsOf(after, 13)).not.toEqual(probsOf(plain, 13));
  });
});

describe('every fold is its own training', () => {
  it('draws its own weights and loop seeds, whatever runs beside it', () => {
    const c = corpus();
    const { plan } = trainingPlanOf(c.clips, { ...config, seed: 3 });
    const tasks = trainTasksOf(plan, c.clips, c.bank, { ...config, seed: 3 });
    expect(tasks).toHaveLength(SPEAKERS.length + 1);
    const weights = tasks.map((t) => t.spec.seed);
    const loops = tasks.map((t) => t.settings.seed);
    expect(new Set(weights).size).toBe(tasks.length);
    expect(new Set(loops).size).toBe(tasks.length);
    // and another run seed gives other seeds for the same folds
    const other = trainTasksOf(plan, c.clips, c.bank, { ...config, seed: 4 });
    other.forEach((t, k) => expect(t.spec.seed).not.toBe(weights[k]));
    // the same tasks whatever asked for them: nothing in a task depends on how many run at once
    expect(trainTasksOf(plan, c.clips, c.bank, { ...config, seed: 3 })).toEqual(tasks);
  });
});
