/**
 * A stand-in learning engine for working on the renderer without waiting minutes for a real training: it
 * creates a real run in the project, streams progress like the engine (folds, epochs and batches counted
 * from 0, curves),
 * then stores predictions, metrics, a model folder and a real report. The scores are made up.
 * Used by `npx tsx tests/e2e/support/demo-serve.ts` only, never by the e2e suite, which trains for real.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { computeMetrics, type PredictionRow } from '../../../src/core/metrics/index.js';
import { writeReport } from '../../../src/core/report/node/index.js';
import type { TrainingRunner } from '../../../src/core/studio/training-runner.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const runTrainingJob: TrainingRunner = async (spec, post, signal) => {
  const project = openProject(spec.projectDir);
  try {
    const labels = spec.request.labels ?? project.settings.labelSet();
    const clips = project.clips.labelled(labels);
    const speakers = [...new Set(clips.map((c) => c.speaker))].sort();
    const split = spec.request.split ?? 'loso';
    const folds = split === 'loso' ? speakers.length : 1;
    const epochs = spec.request.epochs ?? 10;
    const batches = Math.max(1, Math.ceil((clips.length * 0.8) / 32));
    const backend = 'demo (no real training)';
    const runId = project.runs.create({ kind: 'train', labels, config: spec.request, split, backend });
    post({ type: 'started', runId, backend });
    const started = Date.now();
    let step = 0;
    const totalSteps = folds * epochs * batches;
    const curves: Array<{
      fold: number;
      epochs: Array<{
        epoch: number;
        loss: number;
        accuracy: number;
        val_loss: number;
        val_accuracy: number;
        lr: number;
      }>;
    }> = [];
    for (let fold = 0; fold < folds && !signal.aborted; fold++) {
      const curve = { fold, epochs: [] as (typeof curves)[number]['epochs'] };
      curves.push(curve);
      for (let epoch = 0; epoch < epochs && !signal.aborted; epoch++) {
        const t = (epoch + 1) / epochs;
        const loss = 1.1 * Math.exp(-2.2 * t) + 0.08 + 0.03 * Math.sin(epoch + fold);
        const accuracy = Math.min(0.99, 0.36 + 0.6 * (1 - Math.exp(-3 * t)));
        for (let batch = 0; batch < batches && !signal.aborted; batch++) {
          await sleep(40);
          step++;
          const elapsed = (Date.now() - started) / 1000;
          post({
            type: 'progress',
            progress: {
              runId,
              phase: 'training',
              fold,
              folds,
              epoch,
              epochs,
              batch,
              batches,
              loss,
              accuracy,
              valLoss: null,
              valAccuracy: null,
              valMacroF1: null,
              lr: (1e-3 * (1 + Math.cos(Math.PI * t))) / 2,
              clipsPerS: (step * 32) / Math.max(elapsed, 0.001),
              etaS: (elapsed / step) * (totalSteps - step),
              backend,
            },
          });
        }
        const valLoss = loss + 0.12 + 0.05 * Math.cos(epoch);
        const valAccuracy = accuracy - 0.08;
        const record = {
          fold,
          epoch,
          loss,
          accuracy,
          valLoss,
          valAccuracy,
          valMacroF1: valAccuracy - 0.02,
          lr: 1e-3,
          clipsPerS: 120,
        };
        project.runs.addEpoch(runId, { runId, ...record });
        post({ type: 'epoch', runId, record });
        curve.epochs.push({
          epoch: epoch + 1,
          loss,
          accuracy,
          val_loss: valLoss,
          val_accuracy: valAccuracy,
          lr: 1e-3,
        });
      }
    }
    if (signal.aborted) {
      project.runs.update(runId, { status: 'cancelled' });
      post({ type: 'done', runId, status: 'cancelled', metrics: null, error: null });
      return;
    }
    // Made-up predictions: mostly right, a plausible confusion between sad and neutral.
    const rows: PredictionRow[] = clips.map((c, i) => {
      const wrong = (i * 7919) % 10 < 2;
      const others = labels.filter((l) => l !== c.label);
      const predicted = wrong ? (c.label === 'sad' ? 'neutral' : others[i % others.length]) : c.label;
      const confidence = wrong ? 0.45 + ((i * 31) % 30) / 100 : 0.7 + ((i * 17) % 29) / 100;
      const probs = labels.map((l) =>
        l === predicted ? confidence : (1 - confidence) / (labels.length - 1),
      );
      return { file: c.path, clipId: c.id, speaker: c.speaker, label: c.label, predicted, confidence, probs };
    });
    project.runs.addPredictions(
      runId,
      rows.map((r) => ({
        clipId: r.clipId as number,
        label: r.label,
        predicted: r.predicted,
        confidence: r.confidence,
        probs: Object.fromEntries(labels.map((l, k) => [l, r.probs[k]])),
      })),
    );
    const metrics = computeMetrics(rows, labels);
    const modelDir = path.join(spec.projectDir, 'models', `run-${runId}`);
    fs.mkdirSync(modelDir, { recursive: true });
    fs.writeFileSync(path.join(modelDir, 'model.json'), JSON.stringify({ demo: true }));
    const reportDir = path.join(spec.projectDir, 'reports', `run-${runId}`);
    await writeReport(reportDir, {
      title: `Demo run ${runId}`,
      labels,
      predictions: rows,
      split,
      folds,
      backend,
      curves,
      config: { ...spec.request },
      createdAt: new Date().toISOString(),
      dataset: { clips: clips.length, speakers: speakers.length, perLabel: {}, perSpeaker: {} },
    });
    project.runs.update(runId, { status: 'done', metrics, modelDir, reportDir });
    post({ type: 'done', runId, status: 'done', metrics, error: null });
  } finally {
    project.close();
  }
};
