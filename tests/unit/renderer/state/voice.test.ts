// Predict's voice: what the next score is told of the speaker, built from what the microphone hears and the
// clips added for it, bounded, and dropped when the model in use changes.
import { describe, expect, it, vi } from 'vitest';
import { deferred, fakeClient, settle } from './fake-client.js';

type Voice = { clips: number; seconds: number; sum: number[]; sumSq: number[] };
const counted = (v: Voice | null | undefined, seconds: number): Voice => ({
  clips: (v?.clips ?? 0) + 1,
  seconds: (v?.seconds ?? 0) + seconds,
  sum: [0],
  sumSq: [0],
});

async function setup(perSpeaker: Record<string, number> = { '03': 12, '08': 9 }) {
  vi.resetModules();
  const fake = fakeClient({
    'project.info': () => ({
      labels: ['happy', 'sad'],
      stats: { clips: 21, perSpeaker },
      currentModel: { runId: 4 },
    }),
    'predict.addToVoice': (p: { data: Uint8Array; voice?: Voice | null }) =>
      counted(p.voice, p.data.length / 32000),
  });
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { voice, levelDbfs, QUIET_DBFS } = await import('../../../../src/renderer/lib/state/voice.svelte.js');
  studio.connect(fake.client);
  await settle();
  voice.followModel(4);
  return { voice, levelDbfs, QUIET_DBFS, ...fake };
}

const speech = new Float32Array(16000).map((_, i) => 0.3 * Math.sin(i / 7));
const silence = new Float32Array(16000);

describe('the voice Predict scores with', () => {
  it('starts as nothing known: a score is told nothing (a new voice)', async () => {
    const { voice } = await setup();
    expect(voice.mode).toBe('heard');
    expect(voice.choice).toBeNull();
    expect(voice.expected).toEqual({ kind: 'population', clips: 0 });
  });

  it('learns the microphone as it speaks, and the next score is told the voice heard so far', async () => {
    const { voice, sent } = await setup();
    await voice.learn('live.wav', speech);
    await voice.learn('live.wav', speech);
    expect(voice.heard).toMatchObject({ clips: 2 });
    expect(voice.choice).toEqual({ voice: voice.heard });
    expect(voice.expected).toEqual({ kind: 'voice', clips: 2 });
    // Each addition starts from the voice the one before left.
    expect(
      (sent('predict.addToVoice') as Array<{ voice: Voice | null }>).map((p) => p.voice?.clips ?? 0),
    ).toEqual([0, 1]);
  });

  it('does not learn from a pause, nor when told not to, nor in another mode', async () => {
    const { voice, sent, levelDbfs, QUIET_DBFS } = await setup();
    expect(levelDbfs(silence)).toBeLessThan(QUIET_DBFS);
    expect(levelDbfs(speech)).toBeGreaterThan(QUIET_DBFS);
    await voice.learn('live.wav', silence);
    voice.learnMic = false;
    await voice.learn('live.wav', speech);
    voice.learnMic = true;
    voice.choose('new');
    await voice.learn('live.wav', speech);
    expect(sent('predict.addToVoice')).toEqual([]);
    expect(voice.choice).toBeNull();
  });

  it('never loses an addition to another made at the same time', async () => {
    const gate = deferred<void>();
    vi.resetModules();
    const fake = fakeClient({
      'project.info': () => ({
        labels: ['happy'],
        stats: { clips: 0, perSpeaker: {} },
        currentModel: { runId: 4 },
      }),
      'predict.addToVoice': async (p: { voice?: Voice | null }) => {
        await gate.promise;
        return counted(p.voice, 1);
      },
    });
    const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
    const { voice } = await import('../../../../src/renderer/lib/state/voice.svelte.js');
    studio.connect(fake.client);
    await settle();
    voice.followModel(4);
    const a = voice.learn('a.wav', speech);
    const b = voice.learn('b.wav', speech);
    expect(voice.adding).toBe(2);
    gate.resolve();
    await Promise.all([a, b]);
    expect(voice.heard?.clips).toBe(2);
    expect(voice.adding).toBe(0);
  });

  it('adds dropped clips of the voice, naming a file the server could not read', async () => {
    const { voice, client } = await setup();
    const file = (name: string, bytes: number) => new File([new Uint8Array(bytes)], name);
    await voice.addFiles([file('a.wav', 64000), file('b.wav', 32000)]);
    expect(voice.heard).toMatchObject({ clips: 2, seconds: 3 });
    client.request = (async () => {
      throw new Error('not audio');
    }) as typeof client.request;
    await voice.addFiles([file('c.txt', 10)]);
    expect(voice.error).toBe('c.txt: not audio');
    expect(voice.heard).toMatchObject({ clips: 2 });
  });

  it('scores with a project speaker, from their clips', async () => {
    const { voice } = await setup();
    voice.choose('speaker', '03');
    expect(voice.choice).toEqual({ speaker: '03' });
    expect(voice.expected).toEqual({ kind: 'speaker', clips: 12 });
  });

  it('forgets the voice on reset, and when another model is in use', async () => {
    const { voice } = await setup();
    await voice.learn('live.wav', speech);
    voice.reset();
    expect(voice.heard).toBeNull();
    await voice.learn('live.wav', speech);
    voice.followModel(4);
    expect(voice.heard).not.toBeNull();
    voice.followModel(5);
    expect(voice.heard).toBeNull();
  });
});
