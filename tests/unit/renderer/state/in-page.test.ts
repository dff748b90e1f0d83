import { describe, expect, it, vi } from 'vitest';
import type { PredictionResult } from '../../../../src/common/contract.js';
import type { InPageModel } from '../../../../src/renderer/lib/predict/in-page-model.js';
import { deferred, fakeClient, settle } from './fake-client.js';

const MODEL_MODULE = '../../../../src/renderer/lib/predict/in-page-model.js';

function result(label: string, runId: number): PredictionResult {
  return {
    label,
    confidence: 0.9,
    probs: { [label]: 0.9 },
    windows: 1,
    durationS: 1,
    runId,
    voice: { kind: 'population', clips: 0, seconds: 0, weight: 0, text: 'population' },
  };
}

/** A model "loaded in the page" for `runId`: it predicts `label` and records what it was given. */
function pageModel(runId: number, label = 'happy') {
  const given: Float32Array[] = [];
  const voices: unknown[] = [];
  const model: InPageModel = {
    runId,
    labels: ['happy', 'sad'],
    backend: 'cpu',
    predict: (samples, voice) => {
      given.push(samples);
      voices.push(voice ?? null);
      return result(label, runId);
    },
    // A voice that only counts its clips.
    addToVoice: (samples, voice) => ({
      clips: (voice?.clips ?? 0) + 1,
      seconds: (voice?.seconds ?? 0) + samples.length / 16000,
      sum: [0],
      sumSq: [0],
    }),
    dispose: vi.fn(),
  };
  return { model, given, voices };
}

/**
 * Fresh state modules with the model loader replaced (tfjs and model files have no place here): each load
 * waits on a promise the test settles. `state.runId` is the model in use that project.info reports.
 */
async function setup(runId: number | null) {
  vi.resetModules();
  const loads: Array<{ runId: number; done: ReturnType<typeof deferred<InPageModel>> }> = [];
  vi.doMock(MODEL_MODULE, () => ({
    loadInPageModel: (_client: unknown, id: number) => {
      const done = deferred<InPageModel>();
      loads.push({ runId: id, done });
      return done.promise;
    },
  }));
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { micScorer } = await import('../../../../src/renderer/lib/state/in-page.svelte.js');
  const state = { runId };
  const fake = fakeClient({
    'project.info': () => ({
      labels: ['happy', 'sad'],
      stats: { clips: 0 },
      currentModel: state.runId === null ? null : { runId: state.runId },
    }),
    'predict.audio': () => result('sad', state.runId ?? 0),
    'predict.addToVoice': (p: { voice?: { clips: number } | null }) => ({
      clips: (p.voice?.clips ?? 0) + 10,
      seconds: 1,
      sum: [0],
      sumSq: [0],
    }),
  });
  studio.connect(fake.client);
  await settle();
  return { micScorer, studio, state, loads, ...fake };
}

const SAMPLES = new Float32Array(1600).fill(0.25);

describe('microphone scoring (in the page or on the server)', () => {
  it('without a model in use loads nothing and would score on the server', async () => {
    const { micScorer, loads } = await setup(null);
    void micScorer.prepare();
    await settle();
    expect(loads).toEqual([]);
    expect(micScorer.status).toBe('idle');
    expect(micScorer.where).toBe('server');
  });

  it('loads the model in use once, however often asked, then scores in the page', async () => {
    const { micScorer, loads, sent } = await setup(4);
    const first = micScorer.prepare();
    const second = micScorer.prepare();
    expect(micScorer.status).toBe('loading');
    expect(loads.map((l) => l.runId)).toEqual([4]);
    const { model, given } = pageModel(4);
    loads[0].done.resolve(model);
    await Promise.all([first, second]);
    expect(micScorer.status).toBe('ready');
    expect(micScorer.where).toBe('page');
    await micScorer.prepare();
    expect(loads).toHaveLength(1);

    const scored = await micScorer.score('microphone', SAMPLES);
    expect(scored).toMatchObject({ label: 'happy', runId: 4, where: 'page' });
    expect(given).toEqual([SAMPLES]);
    expect(sent('predict.audio')).toEqual([]);
  });

  it('a model the page cannot run leaves the scoring to the server, and says why', async () => {
    const { micScorer, loads } = await setup(4);
    const preparing = micScorer.prepare();
    loads[0].done.reject(new Error('WebGL is not available'));
    await preparing;
    expect(micScorer.status).toBe('unavailable');
    expect(micScorer.reason).toBe('WebGL is not available');
    expect(micScorer.where).toBe('server');
  });

  it('scores on the server, as a 16 kHz WAV, until the page has the model in use', async () => {
    const { micScorer, studio, state, loads, sent } = await setup(4);
    const preparing = micScorer.prepare();
    loads[0].done.resolve(pageModel(4).model);
    await preparing;
    state.runId = 6; // a newer run became the model in use
    await studio.refresh();

    const scored = await micScorer.score('take 1', SAMPLES);
    expect(scored).toMatchObject({ label: 'sad', where: 'server' });
    const [params] = sent('predict.audio') as Array<{ name: string; data: Uint8Array }>;
    expect(params.name).toBe('take 1');
    const view = new DataView(params.data.buffer, params.data.byteOffset, params.data.byteLength);
    expect(String.fromCharCode(...params.data.subarray(0, 4))).toBe('RIFF');
    expect(view.getUint32(24, true)).toBe(16000); // the sample rate field
    expect(params.data.byteLength).toBe(44 + SAMPLES.length * 2);
  });

  it('a new model in use replaces the one in the page, which is freed', async () => {
    const { micScorer, studio, state, loads } = await setup(4);
    const old = pageModel(4).model;
    let preparing = micScorer.prepare();
    loads[0].done.resolve(old);
    await preparing;
    state.runId = 6;
    await studio.refresh();
    preparing = micScorer.prepare();
    expect(loads.map((l) => l.runId)).toEqual([4, 6]);
    loads[1].done.resolve(pageModel(6, 'sad').model);
    await preparing;
    expect(old.dispose).toHaveBeenCalledOnce();
    expect(await micScorer.score('microphone', SAMPLES)).toMatchObject({
      label: 'sad',
      runId: 6,
      where: 'page',
    });
  });

  it('while a newer model in use fails to load, the one still in the page is not used', async () => {
    const { micScorer, studio, state, loads, sent } = await setup(4);
    let preparing = micScorer.prepare();
    loads[0].done.resolve(pageModel(4).model);
    await preparing;
    state.runId = 6;
    await studio.refresh();
    preparing = micScorer.prepare();
    loads[1].done.reject(new Error('model.json: 404'));
    await preparing;
    expect(micScorer.where).toBe('server');
    expect(await micScorer.score('microphone', SAMPLES)).toMatchObject({ where: 'server' });
    expect(sent('predict.audio')).toHaveLength(1);
  });

  it('tells the page model what is known of the voice; a project speaker goes to the server, which has their clips', async () => {
    const { micScorer, loads, sent } = await setup(4);
    const preparing = micScorer.prepare();
    const { model, voices } = pageModel(4);
    loads[0].done.resolve(model);
    await preparing;
    const heard = { clips: 3, seconds: 6, sum: [1], sumSq: [1] };
    expect(await micScorer.score('m', SAMPLES, { voice: heard })).toMatchObject({ where: 'page' });
    expect(voices).toEqual([{ kind: 'voice', stats: heard }]);
    expect(await micScorer.score('m', SAMPLES, { speaker: '03' })).toMatchObject({ where: 'server' });
    expect(sent('predict.audio')).toEqual([expect.objectContaining({ name: 'm', speaker: '03' })]);
  });

  it('adds to a voice in the page when it can, else on the server', async () => {
    const { micScorer, loads, sent } = await setup(4);
    // Before the model is in the page: the server measures.
    expect(await micScorer.addToVoice('m', SAMPLES, null)).toMatchObject({ clips: 10 });
    expect(sent('predict.addToVoice')).toEqual([expect.objectContaining({ name: 'm', voice: null })]);
    const preparing = micScorer.prepare();
    loads[0].done.resolve(pageModel(4).model);
    await preparing;
    expect(
      await micScorer.addToVoice('m', SAMPLES, { clips: 2, seconds: 0, sum: [0], sumSq: [0] }),
    ).toMatchObject({
      clips: 3,
    });
    expect(sent('predict.addToVoice')).toHaveLength(1);
  });
});
