import fs from 'node:fs';
import { fakePredictor } from '../../support/fake-predictor.js';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictionResult } from '../../../src/common/contract.js';
import { encodeVoiceHeader, VOICE_HEADER } from '../../../src/common/web-api.js';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { toneWav } from '../studio/fixtures.js';
import { startHarness, type Harness } from './harness.js';

describe('POST /api/predict', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const post = async (body: Uint8Array, query = ''): Promise<{ status: number; error: string }> => {
    const res = await h.api(`/api/predict${query}`, { method: 'POST', body: new Uint8Array(body) });
    const json = (await res.json()) as { ok: boolean; error: string };
    expect(json.ok).toBe(false);
    return { status: res.status, error: json.error };
  };

  it('says clearly that there is no model yet', async () => {
    const r = await post(toneWav(440, 1));
    expect(r.status).toBe(404);
    expect(r.error).toMatch(/no evaluated model/);
  });

  it('says clearly when the body is not audio', async () => {
    const r = await post(new TextEncoder().encode('hello, this is not a recording\n'), '?name=notes.wav');
    expect(r.status).toBe(400);
    expect(r.error.toLowerCase()).toMatch(/not audio|not an audio|unrecognised|text/);
  });

  it('says clearly when the body is empty', async () => {
    const r = await post(new Uint8Array(0));
    expect(r.status).toBe(400);
    expect(r.error).toMatch(/no audio/);
  });

  it('refuses a bad runId', async () => {
    const r = await post(toneWav(440, 1), '?runId=abc');
    expect(r.status).toBe(400);
    const missing = await post(toneWav(440, 1), '?runId=77');
    expect(missing.status).toBe(404);
    expect(missing.error).toMatch(/no run with id 77/);
  });

  it('the RPC form refuses params that are not bytes, naming the field', async () => {
    const { status, body } = await h.rpc('predict.audio', { name: 'a.wav', data: [1, 2, 3] });
    expect(status).toBe(400);
    expect(body.error).toMatch(/\(data\)/);
  });
});

/** Held-out scores as a finished run records them. */
const heldOut = {
  accuracy: 0.8,
  macro_f1: 0.8,
  uar: 0.8,
  labels: ['happy', 'sad'],
  per_class: {
    happy: { precision: 0.8, recall: 0.8, f1: 0.8, support: 10 },
    sad: { precision: 0.8, recall: 0.8, f1: 0.8, support: 10 },
  },
  confusion: [
    [8, 2],
    [2, 8],
  ],
  confusion_normalised: [
    [0.8, 0.2],
    [0.2, 0.8],
  ],
  per_speaker: {},
  clips: 20,
  speakers: 2,
};

describe('POST /api/predict with models', () => {
  let h: Harness;
  const ids: number[] = [];
  beforeAll(async () => {
    h = await startHarness({
      predictorLoader: async (modelDir) =>
        fakePredictor(['happy', 'sad'], () => ({
          label: modelDir.endsWith(`run-${ids[0]}`) ? 'happy' : 'sad',
          confidence: 1,
          probs: {},
          windows: 1,
        })),
    });
    const project = openProject(h.projectDir);
    try {
      // two evaluated runs and a newer cancelled one that kept its partial model
      for (const status of ['done', 'done', 'cancelled'] as const) {
        const id = project.runs.create({
          kind: 'train',
          labels: ['happy', 'sad'],
          config: {},
          split: 'loso',
        });
        const modelDir = path.join(h.projectDir, 'models', `run-${id}`);
        fs.mkdirSync(modelDir, { recursive: true });
        fs.writeFileSync(path.join(modelDir, 'model.json'), '{}');
        project.runs.update(id, { status, modelDir, metrics: heldOut });
        ids.push(id);
      }
    } finally {
      project.close();
    }
  });
  afterAll(async () => {
    await h.close();
  });

  const predict = async (query = ''): Promise<PredictionResult> => {
    const res = await h.api(`/api/predict?name=tone.wav${query}`, {
      method: 'POST',
      body: new Uint8Array(toneWav(440, 1)),
    });
    const json = (await res.json()) as { ok: boolean; result: PredictionResult };
    expect(json.ok).toBe(true);
    return json.result;
  };

  it('names the run it used: the newest evaluated one, never the cancelled run after it', async () => {
    const r = await predict();
    expect(r.runId).toBe(ids[1]);
    expect(r.label).toBe('sad');
  });

  it('uses the run a runId names', async () => {
    const r = await predict(`&runId=${ids[0]}`);
    expect(r).toMatchObject({ runId: ids[0], label: 'happy' });
  });

  it('answers with a cancelled run it is asked for only saying the model is partial; refuses a failed or running one', async () => {
    const used = await predict();
    expect(used).toMatchObject({ runId: ids[1], partial: false, warnings: [] });
    const partial = await predict(`&runId=${ids[2]}`);
    expect(partial).toMatchObject({ runId: ids[2], partial: true });
    expect(partial.warnings).toEqual([
      expect.stringMatching(/^run \d+ was cancelled: this is its partial model/),
    ]);
    const project = openProject(h.projectDir);
    const refused: number[] = [];
    try {
      for (const status of ['failed', 'running'] as const) {
        const id = project.runs.create({
          kind: 'train',
          labels: ['happy', 'sad'],
          config: {},
          split: 'loso',
        });
        const modelDir = path.join(h.projectDir, 'models', `run-${id}`);
        fs.mkdirSync(modelDir, { recursive: true });
        fs.writeFileSync(path.join(modelDir, 'model.json'), '{}');
        project.runs.update(id, { status, modelDir, metrics: heldOut });
        refused.push(id);
      }
    } finally {
      project.close();
    }
    for (const [id, reason] of [
      [refused[0], /failed/],
      [refused[1], /still running/],
    ] as const) {
      const res = await h.api(`/api/predict?name=tone.wav&runId=${id}`, {
        method: 'POST',
        body: new Uint8Array(toneWav(440, 1)),
      });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: string }).error).toMatch(reason);
    }
  });

  it('follows the model the user chose', async () => {
    expect((await h.rpc('model.choose', { runId: ids[0] })).status).toBe(200);
    expect((await predict()).runId).toBe(ids[0]);
    expect((await h.rpc('model.choose', { runId: ids[2] })).status).toBe(400);
    await h.rpc('model.choose', { runId: null });
    expect((await predict()).runId).toBe(ids[1]);
  });

  it('with ?speaker= scores with that project speaker’s statistics, and says so', async () => {
    const project = openProject(h.projectDir);
    try {
      const now = new Date().toISOString();
      for (const [i, speaker] of ['s1', 's1', 's2'].entries())
        project.clips.insert(
          {
            path: path.join(h.projectDir, `clip-${i}.wav`),
            sha256: `${i}`.repeat(64),
            format: 'wav',
            durationS: 1,
            sampleRate: 16000,
            channels: 1,
            speaker,
            label: 'happy',
            labelSource: 'user',
            split: null,
            status: 'ok',
            reason: null,
            rejectCode: null,
            peak: 0.5,
            rms: 0.1,
            clippedFraction: 0,
            silentFraction: 0,
            corpus: null,
          },
          now,
        );
    } finally {
      project.close();
    }
    const r = await predict('&speaker=s1');
    // The fake measures a voice as one statistic per clip: speaker s1 has two.
    expect(r.voice).toMatchObject({ kind: 'speaker', speaker: 's1', clips: 2 });
    const fresh = await predict();
    expect(fresh.voice).toMatchObject({ kind: 'population', clips: 0 });
    const res = await h.api('/api/predict?name=tone.wav&speaker=nobody', {
      method: 'POST',
      body: new Uint8Array(toneWav(440, 1)),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/no clips of speaker "nobody"/);
  });

  it('takes the statistics of the voice heard so far in a header, and refuses ones that do not fit the model', async () => {
    const send = (voice: unknown, query = '') =>
      h.api(`/api/predict?name=tone.wav${query}`, {
        method: 'POST',
        headers: { [VOICE_HEADER]: typeof voice === 'string' ? voice : encodeVoiceHeader(voice as never) },
        body: new Uint8Array(toneWav(440, 1)),
      });
    const ok = await send({ clips: 3, seconds: 6, sum: [1, 2], sumSq: [1, 4] });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { result: PredictionResult }).result.voice).toMatchObject({
      kind: 'voice',
      clips: 3,
    });
    // a voice of another model's statistics, a header that is no voice, and a voice with a speaker
    expect((await send({ clips: 1, seconds: 1, sum: [1], sumSq: [1] })).status).toBe(400);
    const garbled = await send('{"clips":1,"sum":"%%"}');
    expect(garbled.status).toBe(400);
    expect(((await garbled.json()) as { error: string }).error).toMatch(/x-voice header is not a voice/);
    const both = await send({ clips: 1, seconds: 1, sum: [1, 1], sumSq: [1, 1] }, '&speaker=s1');
    expect(both.status).toBe(400);
  });

  it('adds a clip to a voice (POST /api/predict/voice)', async () => {
    const res = await h.api('/api/predict/voice?name=tone.wav', {
      method: 'POST',
      headers: { [VOICE_HEADER]: encodeVoiceHeader({ clips: 2, seconds: 2, sum: [1, 1], sumSq: [1, 1] }) },
      body: new Uint8Array(toneWav(440, 1)),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { clips: number } }).result.clips).toBe(3);
  });
});
