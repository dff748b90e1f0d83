import { describe, expect, it } from 'vitest';
import { decodeAudio } from '../../../src/core/audio/decode.js';
import { resampleTo } from '../../../src/core/audio/resample.js';
import { buildPlan, parsePrompts, resumePosition } from '../../../src/core/recording/plan.js';
import { prepareTake } from '../../../src/core/recording/take-audio.js';
import { checkTake, MAX_CLIPPED_FRACTION } from '../../../src/core/recording/take-checks.js';
import { trimSilence, TRIM_MARGIN_S } from '../../../src/core/recording/trim.js';
import { noise, padded, toneComplex } from './signals.js';

const CAPTURE_RATE = 48000;

describe('a recorded take as the project keeps it', () => {
  it('holds the captured signal: the 16 kHz WAV equals a reference resample and the analytic signal', async () => {
    const captured = toneComplex(CAPTURE_RATE, 1.5);
    const take = await prepareTake(captured, CAPTURE_RATE);
    expect(take.check.ok).toBe(true);
    expect(take.wav).not.toBeNull();

    const decoded = await decodeAudio(take.wav!, 'take.wav');
    expect(decoded.format).toBe('wav-pcm16');
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.channels).toBe(1);
    expect(decoded.mono.length).toBe(24000);

    // against libsamplerate run on the capture separately: only 16-bit quantisation between them
    const reference = await resampleTo(captured, CAPTURE_RATE, 16000, { quality: 'medium' });
    let worst = 0;
    for (let i = 0; i < reference.length; i++)
      worst = Math.max(worst, Math.abs(decoded.mono[i] - reference[i]));
    expect(worst).toBeLessThanOrEqual(1 / 32768 + 1e-7);

    // against the signal itself sampled at 16 kHz (away from the edges, where the filter sees zeros)
    const analytic = toneComplex(16000, 1.5);
    let err = 0;
    let energy = 0;
    for (let i = 800; i < analytic.length - 800; i++) {
      err += (decoded.mono[i] - analytic[i]) ** 2;
      energy += analytic[i] ** 2;
    }
    const snrDb = 10 * Math.log10(energy / err);
    expect(snrDb).toBeGreaterThan(60);
  });

  it('is trimmed of leading and trailing silence when asked, keeping a margin', async () => {
    const captured = padded(CAPTURE_RATE, 0.8, 1.0, 1.2);
    const take = await prepareTake(captured, CAPTURE_RATE, { trim: true });
    // one 20 ms analysis frame of slack either side of the margin
    expect(take.trimmed.startS).toBeGreaterThan(0.8 - TRIM_MARGIN_S - 0.021);
    expect(take.trimmed.startS).toBeLessThan(0.8 - TRIM_MARGIN_S + 0.021);
    expect(take.trimmed.endS).toBeGreaterThan(1.2 - TRIM_MARGIN_S - 0.021);
    expect(take.trimmed.endS).toBeLessThan(1.2 - TRIM_MARGIN_S + 0.021);
    expect(take.samples.length / 16000).toBeCloseTo(3.0 - take.trimmed.startS - take.trimmed.endS, 3);
    const untrimmed = await prepareTake(captured, CAPTURE_RATE);
    expect(untrimmed.trimmed).toEqual({ startS: 0, endS: 0 });
    expect(untrimmed.samples.length).toBe(48000);
  });

  it('trims a take with room noise down to the voice, and leaves an all-quiet take whole', () => {
    const voice = padded(16000, 1, 1, 1);
    const room = noise(16000, 3, 0.002);
    const mixed = voice.map((x, i) => x + room[i]);
    const cut = trimSilence(mixed, 16000);
    expect(cut.start / 16000).toBeCloseTo(1 - TRIM_MARGIN_S, 1);
    expect((mixed.length - cut.end) / 16000).toBeCloseTo(1 - TRIM_MARGIN_S, 1);
    const quiet = new Float32Array(16000);
    expect(trimSilence(quiet, 16000)).toMatchObject({ start: 0, end: 16000 });
  });
});

describe('take checks', () => {
  it('accepts a take of voice at a normal level', () => {
    const c = checkTake(padded(CAPTURE_RATE, 0.3, 1, 0.3), CAPTURE_RATE);
    expect(c).toMatchObject({ ok: true, problems: [] });
    expect(c.voicedS).toBeGreaterThan(0.95);
  });

  it('refuses a silent take with the reason', async () => {
    const zeros = checkTake(new Float32Array(CAPTURE_RATE), CAPTURE_RATE);
    expect(zeros.ok).toBe(false);
    expect(zeros.problems.map((p) => p.code)).toEqual(['silent']);
    expect(zeros.problems[0].reason).toMatch(/nothing but zeros/);

    const hiss = checkTake(noise(CAPTURE_RATE, 2, 0.003), CAPTURE_RATE);
    expect(hiss.problems.map((p) => p.code)).toEqual(['silent']);
    expect(hiss.problems[0].reason).toMatch(/loudest moment is -5\d dBFS, under the -40 dBFS/);

    const take = await prepareTake(noise(CAPTURE_RATE, 2, 0.003), CAPTURE_RATE);
    expect(take.wav).toBeNull();
  });

  it('refuses a clipped take with the reason, but tolerates a few full-scale peaks', () => {
    const loud = toneComplex(CAPTURE_RATE, 1, 1.6).map((x) => Math.max(-1, Math.min(1, x)));
    const c = checkTake(loud, CAPTURE_RATE);
    expect(c.ok).toBe(false);
    expect(c.problems.map((p) => p.code)).toEqual(['clipped']);
    expect(c.clippedFraction).toBeGreaterThan(MAX_CLIPPED_FRACTION);
    expect(c.problems[0].reason).toMatch(/clipped: \d+\.\d\d % of its samples hit full scale/);

    const peaks = toneComplex(CAPTURE_RATE, 1);
    for (let i = 0; i < 10; i++) peaks[i * 4000] = 1; // 10 samples in 48,000
    expect(checkTake(peaks, CAPTURE_RATE).ok).toBe(true);
  });

  it('refuses a click that is too short to be a prompt read', () => {
    const c = checkTake(padded(CAPTURE_RATE, 0.5, 0.1, 0.5), CAPTURE_RATE);
    expect(c.problems.map((p) => p.code)).toEqual(['too-short']);
  });
});

describe('the session plan', () => {
  it('parses prompts one per line, trimmed, without blanks or repeats', () => {
    expect(
      parsePrompts(' Der Kuchen ist fertig. \r\n\n  Das Licht\tist an.\nDer Kuchen ist fertig.\n'),
    ).toEqual(['Der Kuchen ist fertig.', 'Das Licht ist an.']);
  });

  it('asks for every prompt in one emotion before the next emotion', () => {
    const plan = buildPlan(['a', 'b', 'c'], ['happy', 'sad']);
    expect(plan.map((p) => `${p.index}:${p.emotion}:${p.prompt}`)).toEqual([
      '0:happy:a',
      '1:happy:b',
      '2:happy:c',
      '3:sad:a',
      '4:sad:b',
      '5:sad:c',
    ]);
    expect(plan[4]).toEqual({ index: 4, prompt: 'b', promptIndex: 1, emotion: 'sad' });
  });

  it('resumes at the first take not kept, the end when all are', () => {
    expect(resumePosition(6, [])).toBe(0);
    expect(resumePosition(6, [0, 1, 2])).toBe(3);
    expect(resumePosition(6, [0, 2, 3])).toBe(1); // a take skipped earlier comes first
    expect(resumePosition(6, [5, 4, 3, 2, 1, 0])).toBe(6);
  });
});
