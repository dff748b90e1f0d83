// runExperiment's fold plan for loso: whether each fold holds out validation speakers, and what it says.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/core/model/backend/node/select.js';
import { InlineBatchSource } from '../../../src/core/model/training/batch-source.js';
import { resolveTrainConfig, type TrainConfig } from '../../../src/core/model/config.js';
import { runExperiment, type ExperimentResult } from '../../../src/core/model/training/node/experiment.js';
import { TrainEmitter } from '../../../src/core/model/training/train-events.js';
import { FRAMES, MELS, syntheticSet } from './synthetic.js';

const LABELS = ['happy', 'sad', 'neutral'];
const SPEAKERS = ['s1', 's2', 's3', 's4', 's5', 's6'];

beforeAll(async () => {
  await selectBackend('wasm');
});

async function loso(overrides: Partial<TrainConfig>): Promise<{ r: ExperimentResult; messages: string[] }> {
  // Six speakers with six clips of each emotion.
  const { bank, items } = syntheticSet(6 * SPEAKERS.length, 3, 2);
  const clips = items.map((it, i) => ({
    id: i + 1,
    file: `clip${i}.wav`,
    speaker: SPEAKERS[Math.floor(i / 18)],
    label: LABELS[it.label],
  }));
  const config = resolveTrainConfig({
    labels: LABELS,
    split: 'loso',
    epochs: 2,
    size: 'small',
    cropFrames: FRAMES,
    windowHopFrames: 12,
    augment: [],
    featureConfig: { ...resolveTrainConfig().featureConfig, nMels: MELS, nMfcc: MELS },
    ...overrides,
  });
  const events = new TrainEmitter();
  const messages: string[] = [];
  events.on('message', (m) => messages.push(m.text));
  const r = await runExperiment({
    clips,
    bank,
    config,
    source: new InlineBatchSource(bank),
    backend: 'wasm',
    events,
  });
  r.model?.dispose();
  return { r, messages };
}

describe('a loso experiment', () => {
  it('by default trains every fold and the final model on all their speakers, with no validation hold-out', async () => {
    const { r, messages } = await loso({});
    expect(r.curves.map((c) => c.fold)).toEqual([0, 1, 2, 3, 4, 5, 'final']);
    for (const c of r.curves) {
      expect(c.valKind).toBe('none');
      expect(c.valClips).toBe(0);
      // Without validation there is nothing to stop on: the whole schedule runs, the last epoch is kept.
      expect(c.epochs).toHaveLength(2);
      expect(c.bestEpoch).toBe(1);
    }
    expect(r.curves.slice(0, 6).map((c) => c.trainClips)).toEqual([90, 90, 90, 90, 90, 90]);
    expect(r.curves[6].trainClips).toBe(108);
    expect(r.metrics?.clips).toBe(108);
    expect(messages.filter((t) => /no validation hold-out/.test(t))).toHaveLength(7);
    // Each fold tells how its held-out speaker did, in clips right out of 18.
    const perFold = messages.filter((t) => /^fold \d\/6 \(s\d\): \d+ of 18 held-out clips right/.test(t));
    expect(perFold).toHaveLength(6);
  }, 120_000);

  it('with foldValidation holds out a validation speaker in every fold for early stopping', async () => {
    const { r } = await loso({ foldValidation: true });
    for (const c of r.curves) {
      expect(c.valKind).toBe('speakers');
      expect(c.valClips).toBe(18);
      expect(c.epochs.every((e) => e.valLoss !== null)).toBe(true);
    }
    expect(r.curves.slice(0, 6).map((c) => c.trainClips)).toEqual([72, 72, 72, 72, 72, 72]);
  }, 120_000);
});
