import { resolveObjectURL } from 'node:buffer';
import { describe, expect, it, vi } from 'vitest';
import type { RecordingSessionDetail } from '../../../../src/common/contract.js';
import type { PreparedTake } from '../../../../src/core/recording/take-audio.js';
import { MAX_TAKE_SECONDS } from '../../../../src/core/recording/take-checks.js';
import type { Microphone } from '../../../../src/renderer/screens/record/take-capture.svelte.js';
import { deferred, fakeClient, settle } from '../state/fake-client.js';

const RATE = 48000;

function session(kept: number[]): RecordingSessionDetail {
  let position = 0;
  while (kept.includes(position)) position++;
  return {
    id: 1,
    speaker: 'newvoice01',
    prompts: ['Der Lappen liegt auf dem Eisschrank.', 'Das will sie am Mittwoch abgeben.'],
    emotions: ['happy'],
    state: 'active',
    position,
    total: 2,
    kept: kept.length,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    takes: kept.map((index) => ({ index, clipId: 100 + index, durationS: 2 })),
  };
}

/** A microphone the test speaks into: `say` delivers a block as the capture worklet would. */
function fakeMicrophone() {
  let deliver: ((block: Float32Array) => void) | null = null;
  const mic: Microphone & { stopped: boolean } = {
    sampleRate: RATE,
    stopped: false,
    stop() {
      mic.stopped = true;
      deliver = null;
    },
  };
  const opens: Array<{ nativeRate?: boolean }> = [];
  const open = vi.fn(async (onBlock: (block: Float32Array) => void, opts: { nativeRate?: boolean }) => {
    opens.push(opts);
    deliver = onBlock;
    return mic;
  });
  const say = (block: Float32Array) => deliver?.(block);
  return { mic, open, opens, say };
}

function prepared(ok = true): PreparedTake {
  const samples = new Float32Array(1600);
  return {
    check: ok
      ? { ok: true, problems: [] }
      : { ok: false, problems: [{ code: 'silent', reason: 'The take is silent' }] },
    samples,
    wav: ok ? new Uint8Array([82, 73, 70, 70, 1, 2, 3]) : null,
    trimmed: { startS: 0, endS: 0 },
  } as unknown as PreparedTake;
}

/**
 * Fresh state modules with a session of two takes open at the first (none kept), a fake microphone and a
 * fake preparation (the engine's resampling has its own tests): `prepare` answers `state.take`.
 */
async function setup(kept: number[] = []) {
  vi.resetModules();
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { recording } = await import('../../../../src/renderer/lib/state/record.svelte.js');
  const { TakeCapture } = await import('../../../../src/renderer/screens/record/take-capture.svelte.js');
  const saving = { hold: null as ReturnType<typeof deferred<void>> | null };
  const fake = fakeClient({
    'project.info': () => ({ labels: ['happy', 'sad'], stats: { clips: 0 } }),
    'record.resume': () => session(kept),
    'record.saveTake': async (p: { index: number }) => {
      await saving.hold?.promise;
      return { clipId: 100 + p.index, replaced: false, session: session([...kept, p.index]) };
    },
  });
  studio.connect(fake.client);
  await settle();
  await recording.resume(1);
  const microphone = fakeMicrophone();
  const state = { take: prepared(), fail: null as Error | null };
  const prepare = vi.fn(async () => {
    if (state.fail) throw state.fail;
    return state.take;
  });
  const clock = { t: 10_000 };
  const capture = new TakeCapture({ openMicrophone: microphone.open, prepare, now: () => clock.t });
  return { capture, recording, studio, microphone, prepare, state, saving, clock, ...fake };
}

const tone = (n: number, level = 0.2) => new Float32Array(n).fill(level);

describe('a take being recorded', () => {
  it('records at the device’s own rate, metered, and stops into a checked take ready to play', async () => {
    const { capture, recording, microphone, prepare } = await setup();
    recording.trim = false;
    const starting = capture.start();
    expect(capture.phase).toBe('opening');
    await starting;
    expect(capture.phase).toBe('recording');
    expect(microphone.opens).toEqual([{ nativeRate: true }]);
    microphone.say(tone(4800, 0.5));
    microphone.say(tone(4800, 0.1));
    expect(capture.meter.level).toBe(0.5);
    await capture.stop();
    expect(microphone.mic.stopped).toBe(true);
    expect(capture.meter.level).toBe(0);
    expect(capture.phase).toBe('idle');
    const [signal, rate, opts] = prepare.mock.calls[0] as unknown as [
      Float32Array,
      number,
      { trim: boolean },
    ];
    expect(signal).toHaveLength(9600);
    expect([signal[0], signal[9599]]).toEqual([Math.fround(0.5), Math.fround(0.1)]);
    expect(rate).toBe(RATE);
    expect(opts).toEqual({ trim: false });
    expect(capture.canKeep).toBe(true);
    // what P plays is the take just recorded, as the WAV that will be kept
    expect(capture.playSource).toBe(capture.playUrl);
    const blob = resolveObjectURL(capture.playUrl!);
    expect(blob?.type).toBe('audio/wav');
    expect([...new Uint8Array(await blob!.arrayBuffer())]).toEqual([82, 73, 70, 70, 1, 2, 3]);
  });

  it('Space starts and stops', async () => {
    const { capture, microphone } = await setup();
    await capture.toggle();
    expect(capture.phase).toBe('recording');
    microphone.say(tone(480));
    await capture.toggle();
    expect(capture.phase).toBe('idle');
    expect(capture.pending).not.toBeNull();
  });

  it('stops by itself at the longest a take may last', async () => {
    const { capture, microphone, clock } = await setup();
    await capture.start();
    clock.t += 1000;
    microphone.say(tone(RATE * MAX_TAKE_SECONDS - 480));
    expect(capture.meter.seconds).toBeLessThan(MAX_TAKE_SECONDS);
    expect(capture.phase).toBe('recording');
    clock.t += 10;
    microphone.say(tone(480)); // within the meter's period: the count waits for its next move
    expect(capture.phase).toBe('recording');
    clock.t += 50;
    microphone.say(tone(480));
    expect(microphone.mic.stopped).toBe(true);
    await settle();
    expect(capture.phase).toBe('idle');
  });

  it('a refused take is shown but cannot be kept', async () => {
    const { capture, microphone, state } = await setup();
    state.take = prepared(false);
    await capture.start();
    microphone.say(tone(480, 0));
    await capture.stop();
    expect(capture.pending?.check.ok).toBe(false);
    expect(capture.canKeep).toBe(false);
    await capture.keep();
    expect(capture.pending).not.toBeNull();
  });

  it('Enter keeps the take in the session, which moves on, and the take is forgotten here', async () => {
    const { capture, recording, microphone, sent } = await setup();
    await capture.start();
    microphone.say(tone(480));
    await capture.stop();
    const url = capture.playUrl!;
    await capture.keep();
    expect(sent('record.saveTake')).toEqual([
      { sessionId: 1, index: 0, data: new Uint8Array([82, 73, 70, 70, 1, 2, 3]), replace: false },
    ]);
    expect(recording.index).toBe(1);
    expect(capture.pending).toBeNull();
    expect(capture.playUrl).toBeNull();
    expect(resolveObjectURL(url)).toBeUndefined(); // its URL freed
  });

  it('cannot keep while the session saves another take', async () => {
    const { capture, microphone, saving, sent } = await setup();
    await capture.start();
    microphone.say(tone(480));
    await capture.stop();
    saving.hold = deferred<void>();
    const first = capture.keep();
    await settle();
    expect(capture.canKeep).toBe(false);
    await capture.keep();
    expect(sent('record.saveTake')).toHaveLength(1);
    saving.hold.resolve();
    await first;
  });

  it('R throws the take away and records again at once', async () => {
    const { capture, microphone } = await setup();
    await capture.start();
    microphone.say(tone(480));
    await capture.stop();
    capture.retake();
    expect(capture.pending).toBeNull();
    expect(capture.phase).toBe('opening');
    await settle();
    expect(capture.phase).toBe('recording');
    expect(microphone.open).toHaveBeenCalledTimes(2);
  });

  it('another take shown forgets the one recorded here, or its error', async () => {
    const { capture, microphone, state } = await setup();
    await capture.start();
    microphone.say(tone(480));
    await capture.stop();
    capture.takeChanged();
    expect(capture.pending).toBeNull();
    expect(capture.playUrl).toBeNull();

    state.fail = new Error('resampling failed');
    await capture.start();
    microphone.say(tone(480));
    await capture.stop();
    expect(capture.error).toBe('resampling failed');
    capture.takeChanged();
    expect(capture.error).toBeNull();
  });

  it('a microphone that cannot open says why and records nothing', async () => {
    const { capture, microphone } = await setup();
    microphone.open.mockRejectedValueOnce(new Error('Microphone access was refused'));
    await capture.start();
    expect(capture.phase).toBe('idle');
    expect(capture.error).toBe('Microphone access was refused');
  });

  it('plays the take kept at this place when none was just recorded; records nothing past the plan', async () => {
    const { capture, recording } = await setup([0]);
    recording.go(0);
    expect(capture.playSource).toBe('/clips/100');
    recording.go(1);
    expect(capture.playSource).toBeNull();
  });

  it('closing the screen closes the microphone', async () => {
    const { capture, microphone } = await setup();
    await capture.start();
    capture.dispose();
    expect(microphone.mic.stopped).toBe(true);
  });
});
