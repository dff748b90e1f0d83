/**
 * The emotion timeline of a recording: one row per utterance in time order, each scored with the voice heard
 * before it in the recording and never with itself; 'none' scores each as a new voice, a project speaker's
 * voice is used for every row; a model that uses no voice statistics learns none.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KnownVoice } from '../../../src/core/model/inference/predict.js';
import { predictTimeline, scoreSpans } from '../../../src/core/recordings/node/timeline.js';
import { emptyVoice } from '../../../src/core/voice/index.js';
import { fakePredictor } from '../../support/fake-predictor.js';
import { burstsWav } from '../../support/long-recording.js';
import { cleanupAfterEach, tempDir } from '../dataset/helpers.js';

cleanupAfterEach();

const BURSTS: Array<[number, number]> = [
  [1, 3],
  [4.5, 5.5],
  [8, 11],
  [13, 14.2],
];

/** A scorer whose label says how many clips of the voice it was given, and how long the audio was. */
function recordingScorer() {
  const seen: Array<{ samples: number; voiceClips: number }> = [];
  const scorer = fakePredictor(['happy', 'sad'], (samples, voice) => {
    seen.push({ samples: samples.length, voiceClips: voice?.stats.clips ?? 0 });
    return {
      label: samples.length > 32000 ? 'happy' : 'sad',
      confidence: 0.75,
      probs: { happy: 0.75, sad: 0.25 },
      windows: 1,
    };
  });
  return { scorer, seen };
}

describe('predictTimeline', () => {
  it('scores each utterance with the voice heard before it, and says from where on', async () => {
    const file = burstsWav(path.join(tempDir(), 'talk.wav'), 16, BURSTS);
    const { scorer, seen } = recordingScorer();
    const t = await predictTimeline(scorer, file);
    expect(t.durationS).toBe(16);
    expect(t.rows).toHaveLength(BURSTS.length);
    t.rows.forEach((r, k) => {
      expect(Math.abs(r.start - BURSTS[k][0])).toBeLessThan(0.1);
      expect(Math.abs(r.end - BURSTS[k][1])).toBeLessThan(0.1);
    });
    expect(t.rows.map((r) => r.label)).toEqual(['happy', 'sad', 'happy', 'sad']);
    // the first as a voice never heard; the k-th with the k-1 before it, never with itself
    expect(seen.map((s) => s.voiceClips)).toEqual([0, 1, 2, 3]);
    expect(t.rows.map((r) => r.voice.kind)).toEqual(['population', 'voice', 'voice', 'voice']);
    expect(t.voiceFrom).toBe(t.rows[1].start);
    expect(t.voiceMode).toBe('recording');
  });

  it("'none' scores every utterance as a new voice; a speaker's voice is used for all", async () => {
    const file = burstsWav(path.join(tempDir(), 'talk.wav'), 16, BURSTS);
    const none = recordingScorer();
    const t = await predictTimeline(none.scorer, file, { voice: 'none' });
    expect(none.seen.map((s) => s.voiceClips)).toEqual([0, 0, 0, 0]);
    expect(t.voiceFrom).toBeNull();
    const speaker: KnownVoice = { kind: 'speaker', speaker: 'Ann', stats: { ...emptyVoice(2), clips: 7 } };
    const known = recordingScorer();
    const s = await predictTimeline(known.scorer, file, { voice: speaker });
    expect(known.seen.map((x) => x.voiceClips)).toEqual([7, 7, 7, 7]);
    expect(s).toMatchObject({ voiceMode: 'speaker', voiceFrom: s.rows[0].start });
  });

  it('learns no voice for a model that uses no voice statistics', async () => {
    let added = 0;
    const scorer = {
      predict: async () => ({
        label: 'happy',
        confidence: 1,
        probs: { happy: 1 },
        voice: { kind: 'unused' as const, clips: 0, seconds: 0, weight: 0, text: 'no voice statistics' },
      }),
      addToVoice: async () => {
        added++;
        return emptyVoice(2);
      },
    };
    const spans = BURSTS.map(([start, end]) => ({ start, end }));
    const r = await scoreSpans(scorer, (a, b) => new Float32Array(b - a), spans, 'recording');
    expect(r.rows).toHaveLength(4);
    expect(added).toBe(0);
    expect(r.voiceFrom).toBeNull();
  });
});
