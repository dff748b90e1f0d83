import { createRng } from '../../../src/core/util/random.js';
import type { PredictionRow } from '../../../src/core/metrics/index.js';
import type { EpochPoint, FoldCurves, ReportInput } from '../../../src/core/report/node/index.js';

/** EmoDB's ten speakers and the 7-emotion fusion baseline's pooled confusion matrix (baselines.jsonl). */
export const EMODB_SPEAKERS = ['03', '08', '09', '10', '11', '12', '13', '14', '15', '16'];
export const EMODB7_LABELS = ['happy', 'sad', 'neutral', 'angry', 'boredom', 'disgust', 'fear'];
export const EMODB7_CONFUSION = [
  [27, 0, 0, 34, 0, 6, 4],
  [0, 55, 0, 0, 6, 1, 0],
  [1, 2, 59, 2, 9, 3, 3],
  [18, 0, 1, 102, 0, 3, 3],
  [0, 7, 3, 0, 66, 5, 0],
  [0, 1, 2, 2, 7, 32, 2],
  [5, 3, 4, 7, 0, 2, 48],
];

/** Leave-one-speaker-out predictions reproducing `confusion`, fold k holding out speaker k. */
export function losoPredictions(
  confusion: number[][],
  labels: string[],
  speakers: string[],
  seed = 1,
): PredictionRow[] {
  const rnd = createRng(seed).next;
  const rows: PredictionRow[] = [];
  confusion.forEach((row, t) =>
    row.forEach((count, p) => {
      for (let i = 0; i < count; i++) {
        const fold = rows.length % speakers.length;
        const speaker = speakers[fold];
        const raw = labels.map((_, k) => (k === p ? 2 + rnd() * 3 : rnd()));
        const sum = raw.reduce((a, b) => a + b, 0);
        const probs = raw.map((v) => v / sum);
        rows.push({
          file: `${speaker}/${speaker}${labels[t].slice(0, 1)}${String(rows.length).padStart(3, '0')}.wav`,
          clipId: rows.length + 1,
          speaker,
          label: labels[t],
          predicted: labels[p],
          confidence: probs[p],
          probs,
          fold,
        });
      }
    }),
  );
  return rows;
}

/** Plausible curves: loss falls, validation flattens and turns up, cosine learning rate. */
export function fakeCurves(folds: number, seed = 7): FoldCurves[] {
  const rnd = createRng(seed).next;
  const curve = (epochs: number, skill: number): EpochPoint[] =>
    Array.from({ length: epochs }, (_, i) => {
      const e = i + 1;
      const progress = 1 - Math.exp(-e / 6);
      const overfit = Math.max(0, e - epochs * 0.6) * 0.03;
      return {
        epoch: e,
        loss: 1.9 * (1 - progress) + 0.15 + rnd() * 0.05,
        accuracy: Math.min(0.99, 0.2 + 0.75 * progress + rnd() * 0.02),
        val_loss: 1.9 * (1 - progress * skill) + 0.35 + overfit + rnd() * 0.08,
        val_accuracy: Math.min(0.95, 0.18 + 0.55 * progress * skill + rnd() * 0.04),
        val_macro_f1: Math.min(0.95, 0.12 + 0.55 * progress * skill + rnd() * 0.04),
        lr: 1e-3 * 0.5 * (1 + Math.cos((Math.PI * i) / epochs)),
      };
    });
  const result: FoldCurves[] = Array.from({ length: folds }, (_, f) => ({
    fold: f,
    epochs: curve(22 + Math.floor(rnd() * 14), 0.8 + rnd() * 0.3),
  }));
  result.push({
    fold: 'final',
    epochs: curve(30, 1).map(({ epoch, loss, accuracy, lr }) => ({ epoch, loss, accuracy, lr })),
  });
  return result;
}

export function emodbReportInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const predictions = losoPredictions(EMODB7_CONFUSION, EMODB7_LABELS, EMODB_SPEAKERS);
  const perLabel: Record<string, number> = {};
  EMODB7_LABELS.forEach((l, t) => (perLabel[l] = EMODB7_CONFUSION[t].reduce((a, b) => a + b, 0)));
  const perSpeaker: Record<string, number> = {};
  for (const r of predictions) perSpeaker[r.speaker] = (perSpeaker[r.speaker] ?? 0) + 1;
  return {
    title: 'EmoDB, 7 emotions, leave one speaker out',
    labels: EMODB7_LABELS,
    predictions,
    split: 'loso',
    folds: EMODB_SPEAKERS.length,
    backend: 'wasm (SIMD, 1 thread)',
    curves: fakeCurves(EMODB_SPEAKERS.length),
    config: {
      features: { sampleRate: 16000, nMels: 64, winMs: 25, hopMs: 10, frames: 300 },
      model: { convBlocks: [16, 32, 64], dropout: 0.3, attentionPooling: false },
      training: {
        epochs: 40,
        batchSize: 32,
        optimizer: 'adam',
        lr: 0.001,
        schedule: 'cosine',
        earlyStopping: 8,
        classWeights: true,
        seed: 42,
      },
      augmentation: { specAugment: true, noiseSnrDb: [10, 30], pitchShift: false },
    },
    dataset: {
      name: 'EmoDB',
      clips: 535,
      speakers: 10,
      perLabel,
      perSpeaker,
      fingerprint: 'sha256:3f9a1c0d7e5b2a4c8e6f1d3b5a7c9e0f2d4b6a8c0e1f3a5b7d9c2e4f6a8b0c1d',
    },
    createdAt: '2025-11-25T12:54:00.000Z',
    ...overrides,
  };
}
