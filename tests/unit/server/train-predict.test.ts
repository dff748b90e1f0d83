/**
 * The whole chain once, with the real engine: import, train in a worker thread (a tiny configuration),
 * progress over SSE, then the trained model behind POST /api/predict, the model files and the report zip.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ClipPage,
  PredictionResult,
  RunDetail,
  RunSummary,
  StudioEvents,
} from '../../../src/common/contract.js';
import { makeEmoDbLikeFolder, toneWav } from '../studio/fixtures.js';
import { startHarness, type Harness } from './harness.js';
import { collectEvents } from './sse-reader.js';

describe('train, then predict over HTTP', () => {
  let h: Harness;
  let runId: number;
  let trainEvents: Array<{ event: string; data: unknown }>;

  beforeAll(async () => {
    h = await startHarness();
    const source = path.join(h.dir, 'corpus');
    makeEmoDbLikeFolder(source, 3);
    const imported = new Promise<void>((resolve) => h.service.on('import.done', () => resolve()));
    await h.rpc('import.start', { source });
    await imported;
    const stream = await fetch(`${h.base}/api/events?token=${h.token}`);
    const collecting = collectEvents(stream, (evs) => evs.some((e) => e.event === 'train.done'), 170_000);
    const started = await h.rpc('train.start', {
      epochs: 2,
      size: 'small',
      split: 'speaker',
      augment: [],
      seed: 1,
    });
    expect(started.body.error).toBeUndefined();
    runId = (started.body.result as { runId: number }).runId;
    trainEvents = await collecting;
  }, 180_000);
  afterAll(async () => {
    await h.close();
  });

  it('streamed progress and finished the run with metrics', () => {
    const progress = trainEvents
      .filter((e) => e.event === 'train.progress')
      .map((e) => e.data as StudioEvents['train.progress']);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.runId === runId)).toBe(true);
    expect(progress.some((p) => p.phase === 'training')).toBe(true);
    const epochs = trainEvents.filter((e) => e.event === 'train.epoch');
    expect(epochs.length).toBeGreaterThanOrEqual(1);
    const done = trainEvents.find((e) => e.event === 'train.done')?.data as StudioEvents['train.done'];
    expect(done).toMatchObject({ runId, status: 'done', error: null });
    expect(done.metrics?.labels).toEqual(['happy', 'sad', 'neutral']);
  });

  it('lists the run with its model and report', async () => {
    const runs = (await h.rpc('runs.list')).body.result as RunSummary[];
    expect(runs[0]).toMatchObject({ id: runId, status: 'done', hasModel: true, hasReport: true });
    const detail = (await h.rpc('runs.get', { id: runId })).body.result as RunDetail;
    expect(detail.epochs.length).toBeGreaterThanOrEqual(1);
    expect(detail.metrics?.confusion).toHaveLength(3);
    const page = (await h.rpc('clips.list', { sort: 'review', limit: 5 })).body.result as ClipPage;
    expect(page.rows[0].predicted).not.toBeNull();
  });

  it('predicts posted audio with the trained model', async () => {
    const res = await h.api('/api/predict?name=tone.wav', {
      method: 'POST',
      body: new Uint8Array(toneWav(500, 1.5)),
    });
    const { ok, result, error } = (await res.json()) as {
      ok: boolean;
      result: PredictionResult;
      error?: string;
    };
    expect(res.status, error).toBe(200);
    expect(ok).toBe(true);
    expect(result.runId).toBe(runId);
    expect(['happy', 'sad', 'neutral']).toContain(result.label);
    const total = Object.values(result.probs).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 4);
    expect(result.confidence).toBe(Math.max(...Object.values(result.probs)));
    expect(result.durationS).toBeCloseTo(1.5, 2);
  });

  it('serves the model files for in-page prediction', async () => {
    const modelJson = await h.api(`/api/models/${runId}/model.json`);
    expect(modelJson.status).toBe(200);
    const json = (await modelJson.json()) as { weightsManifest: Array<{ paths: string[] }> };
    for (const p of json.weightsManifest.flatMap((g) => g.paths)) {
      const w = await h.api(`/api/models/${runId}/${p}`);
      expect(w.status).toBe(200);
      expect((await w.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    const meta = (await (await h.api(`/api/models/${runId}/studio-model.json`)).json()) as {
      labels: string[];
    };
    expect(meta.labels).toEqual(['happy', 'sad', 'neutral']);
  });

  it('exports the report as a zip, never into a folder the page names', async () => {
    const exported = await h.rpc('report.export', { runId });
    expect(exported.body.result).toEqual({ downloadUrl: `/api/runs/${runId}/report.zip` });
    const zip = await h.api(`/api/runs/${runId}/report.zip`);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-disposition')).toMatch(
      /attachment; filename="emotion-studio-report-run-\d+\.zip"/,
    );
    const files = Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer())));
    for (const f of [
      'report.html',
      'confusion_matrix.svg',
      'confusion_matrix.png',
      'metrics.json',
      'predictions.csv',
    ]) {
      expect(files).toContain(`emotion-studio-report-run-${runId}/${f}`);
    }
    const dest = path.join(h.dir, 'exported');
    const refused = await h.rpc('report.export', { runId, dir: dest });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/not available in web mode/);
    expect(fs.existsSync(dest)).toBe(false);
  });
});
