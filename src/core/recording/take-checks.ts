/**
 * Whether a take is fit to keep. A take is refused, with the reason, when it is:
 * - silent: no 20 ms frame reaches -40 dBFS RMS (speech at a normal distance from a microphone has frames
 *   at -30 to -10 dBFS; -40 is about a whisper, so a take under it caught room noise, not a voice);
 * - clipped: 0.1 % or more of its samples (one in a thousand) sit at full scale (|x| >= 0.999) — a few
 *   isolated full-scale peaks are tolerated, a shout flattened against the ceiling is not;
 * - too short: less than 0.3 s between the first and the last frame above the silence floor (a click or a
 *   breath, not a sentence);
 * - too long: over MAX_TAKE_SECONDS.
 */
export const SILENCE_DBFS = -40;
export const CLIP_SAMPLE_LEVEL = 0.999;
export const MAX_CLIPPED_FRACTION = 0.001;
export const MIN_VOICED_SECONDS = 0.3;
export const MAX_TAKE_SECONDS = 120;
export const CHECK_FRAME_S = 0.02;

export type TakeProblemCode = 'silent' | 'clipped' | 'too-short' | 'too-long';
export interface TakeProblem {
  code: TakeProblemCode;
  reason: string;
}

export interface TakeCheck {
  ok: boolean;
  problems: TakeProblem[];
  durationS: number;
  peak: number;
  /** RMS of the loudest frame, dBFS. */
  loudestDb: number;
  clippedFraction: number;
  /** Seconds from the first to the last frame above SILENCE_DBFS. */
  voicedS: number;
}

export function dbfs(amplitude: number): number {
  return amplitude > 0 ? 20 * Math.log10(amplitude) : -Infinity;
}

/** Frame RMS levels (linear) of a signal, in frames of CHECK_FRAME_S; the last partial frame counts too. */
export function frameLevels(samples: Float32Array, sampleRate: number): Float32Array {
  const frame = Math.max(1, Math.round(CHECK_FRAME_S * sampleRate));
  const count = Math.ceil(samples.length / frame);
  const out = new Float32Array(count);
  for (let f = 0; f < count; f++) {
    const start = f * frame;
    const end = Math.min(samples.length, start + frame);
    let e = 0;
    for (let i = start; i < end; i++) e += samples[i] * samples[i];
    out[f] = Math.sqrt(e / (end - start));
  }
  return out;
}

export function checkTake(samples: Float32Array, sampleRate: number): TakeCheck {
  const durationS = samples.length / sampleRate;
  let peak = 0;
  let clipped = 0;
  for (let i = 0; i < samples.length; i++) {
    const a = Math.abs(samples[i]);
    if (a > peak) peak = a;
    if (a >= CLIP_SAMPLE_LEVEL) clipped++;
  }
  const clippedFraction = samples.length > 0 ? clipped / samples.length : 0;
  const levels = frameLevels(samples, sampleRate);
  const floor = 10 ** (SILENCE_DBFS / 20);
  let loudest = 0;
  let first = -1;
  let last = -1;
  levels.forEach((l, f) => {
    if (l > loudest) loudest = l;
    if (l >= floor) {
      if (first < 0) first = f;
      last = f;
    }
  });
  const voicedS = first < 0 ? 0 : (last - first + 1) * CHECK_FRAME_S;
  const loudestDb = dbfs(loudest);

  const problems: TakeProblem[] = [];
  if (durationS > MAX_TAKE_SECONDS) {
    problems.push({
      code: 'too-long',
      reason: `The take is ${durationS.toFixed(0)} s long; a take may last at most ${MAX_TAKE_SECONDS} s.`,
    });
  }
  if (first < 0) {
    problems.push({
      code: 'silent',
      reason:
        loudest > 0
          ? `The take is silent: its loudest moment is ${loudestDb.toFixed(0)} dBFS, under the ${SILENCE_DBFS} dBFS a voice reaches. Check the microphone and speak closer.`
          : 'The take is silent: the microphone sent nothing but zeros. Check that it is connected and not muted.',
    });
  } else if (voicedS < MIN_VOICED_SECONDS) {
    problems.push({
      code: 'too-short',
      reason: `Only ${voicedS.toFixed(2)} s of the take is above the silence floor; read the whole prompt (at least ${MIN_VOICED_SECONDS} s).`,
    });
  }
  if (clippedFraction >= MAX_CLIPPED_FRACTION) {
    problems.push({
      code: 'clipped',
      reason: `The take is clipped: ${(clippedFraction * 100).toFixed(2)} % of its samples hit full scale (at most ${(MAX_CLIPPED_FRACTION * 100).toFixed(1)} % is accepted). Lower the input gain or move back from the microphone.`,
    });
  }
  return { ok: problems.length === 0, problems, durationS, peak, loudestDb, clippedFraction, voicedS };
}
