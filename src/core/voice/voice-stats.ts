/**
 * What the model knows of one voice: running sums of its clips' classic statistics (clip-statistics.ts).
 * Two vectors whatever the number of clips, so the microphone or a long recording can keep adding to it;
 * mergeable; plain numbers, so it posts to a worker and saves as JSON.
 */
export interface VoiceStats {
  /** Clips (or heard utterances) summed. */
  clips: number;
  /** Seconds of audio those clips held. */
  seconds: number;
  sum: number[];
  sumSq: number[];
}

export function emptyVoice(dims: number): VoiceStats {
  return {
    clips: 0,
    seconds: 0,
    sum: new Array<number>(dims).fill(0),
    sumSq: new Array<number>(dims).fill(0),
  };
}

/** The voice with one more clip (a new object: a voice shared with a caller never changes under it). */
export function addToVoice(voice: VoiceStats, row: ArrayLike<number>, seconds = 0): VoiceStats {
  if (row.length !== voice.sum.length)
    throw new RangeError(`a clip with ${row.length} statistics for a voice of ${voice.sum.length}`);
  const sum = voice.sum.slice();
  const sumSq = voice.sumSq.slice();
  for (let d = 0; d < sum.length; d++) {
    sum[d] += row[d];
    sumSq[d] += row[d] * row[d];
  }
  return { clips: voice.clips + 1, seconds: voice.seconds + seconds, sum, sumSq };
}

/** A voice of these clips' statistics rows. */
export function voiceOfRows(rows: readonly ArrayLike<number>[], dims: number, seconds = 0): VoiceStats {
  const sum = new Array<number>(dims).fill(0);
  const sumSq = new Array<number>(dims).fill(0);
  for (const r of rows)
    for (let d = 0; d < dims; d++) {
      sum[d] += r[d];
      sumSq[d] += r[d] * r[d];
    }
  return { clips: rows.length, seconds, sum, sumSq };
}

export function voiceMean(voice: VoiceStats): Float64Array {
  const n = Math.max(voice.clips, 1);
  return Float64Array.from(voice.sum, (s) => s / n);
}

/** Population variance of each statistic over the voice's clips (0 for fewer than two). */
export function voiceVariance(voice: VoiceStats): Float64Array {
  const n = voice.clips;
  if (n < 2) return new Float64Array(voice.sum.length);
  return Float64Array.from(voice.sum, (s, d) => Math.max(voice.sumSq[d] / n - (s / n) ** 2, 0));
}

/** Checks a voice received from outside (a request, a file): finite sums of the right length. */
export function assertVoiceFits(voice: VoiceStats, dims: number, where: string): void {
  if (voice.sum.length !== dims || voice.sumSq.length !== dims)
    throw new RangeError(`${where}: a voice of ${voice.sum.length} statistics, the model uses ${dims}`);
  if (!(Number.isInteger(voice.clips) && voice.clips >= 0))
    throw new RangeError(`${where}: a voice's clip count must be a whole number, got ${voice.clips}`);
  if (![...voice.sum, ...voice.sumSq, voice.seconds].every(Number.isFinite))
    throw new RangeError(`${where}: a voice's statistics must be finite numbers`);
}
