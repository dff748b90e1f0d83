import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TimelineResult, TimelineRow, VoiceUse } from '../../../common/contract.js';
import { TARGET_SAMPLE_RATE } from '../../audio/node/index.js';
import type { LoadedModel } from '../../model/model-meta.js';
import { addSamplesToVoice, predictSamples, type KnownVoice } from '../../model/inference/predict.js';
import type { VoiceStats } from '../../voice/index.js';
import { detectSpeech, type DetectorOptions, type TimeSpan } from '../speech-detector.js';
import { readRecordingRange, writeRecordingCopy } from './recording-audio.js';

/** What scores an utterance and learns a voice: the engine's model, or the studio's loaded predictor. */
export interface UtteranceScorer {
  predict(
    samples: Float32Array,
    voice: KnownVoice | null,
  ): Promise<{ label: string; confidence: number; probs: Record<string, number>; voice: VoiceUse }>;
  addToVoice(samples: Float32Array, voice: VoiceStats | null): Promise<VoiceStats>;
}

/** The engine's prediction path (predict.ts) as a scorer. */
export function modelScorer(loaded: LoadedModel): UtteranceScorer {
  return {
    predict: async (samples, voice) => predictSamples(loaded, samples, voice),
    addToVoice: async (samples, voice) => addSamplesToVoice(loaded, voice, samples),
  };
}

/**
 * 'recording' (the default): each utterance is scored with the voice heard before it in the recording (never
 * with itself), then added to it; 'none': each as a voice never heard, as a file on its own is scored; a
 * KnownVoice (a project speaker): every utterance with those statistics.
 */
export type TimelineVoice = 'recording' | 'none' | KnownVoice;

export interface TimelineOptions {
  detector?: Partial<DetectorOptions>;
  voice?: TimelineVoice;
  /** Where the temporary 16 kHz copy goes (default: the system's temporary folder). */
  tmpDir?: string;
}

/**
 * Scores every utterance of a recording of any length: decodes it in pieces into a temporary 16 kHz copy,
 * finds the utterances, and scores them in order with the voice built up so far (the speaker-adaptation path).
 */
export async function predictTimeline(
  scorer: UtteranceScorer,
  file: string,
  opts: TimelineOptions = {},
): Promise<TimelineResult> {
  const dir = fs.mkdtempSync(path.join(opts.tmpDir ?? os.tmpdir(), 'ser-timeline-'));
  try {
    const copy = path.join(dir, 'recording.wav');
    const { levels, info } = await writeRecordingCopy(file, copy);
    const spans = detectSpeech(levels, opts.detector);
    const scored = await scoreSpans(
      scorer,
      (a, b) => readRecordingRange(copy, a, b),
      spans,
      opts.voice ?? 'recording',
    );
    return { durationS: info.durationS, ...scored };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Scores stretches of a 16 kHz signal (read by `samplesOf(from, to)`) in time order. */
export async function scoreSpans(
  scorer: UtteranceScorer,
  samplesOf: (from: number, to: number) => Float32Array,
  spans: readonly TimeSpan[],
  mode: TimelineVoice,
): Promise<Pick<TimelineResult, 'rows' | 'voiceFrom' | 'voiceMode'>> {
  let heard: VoiceStats | null = null;
  const rows: TimelineRow[] = [];
  let voiceFrom: number | null = null;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const samples = samplesOf(
      Math.round(span.start * TARGET_SAMPLE_RATE),
      Math.round(span.end * TARGET_SAMPLE_RATE),
    );
    if (samples.length === 0) continue;
    const voice: KnownVoice | null =
      mode === 'none' ? null : mode === 'recording' ? (heard ? { kind: 'voice', stats: heard } : null) : mode;
    const p = await scorer.predict(samples, voice);
    rows.push({
      start: span.start,
      end: span.end,
      label: p.label,
      confidence: p.confidence,
      probs: p.probs,
      voice: p.voice,
    });
    if (voiceFrom === null && (p.voice.kind === 'voice' || p.voice.kind === 'speaker'))
      voiceFrom = span.start;
    // the utterance joins the voice only after it was scored: a row never measures itself
    if (mode === 'recording' && p.voice.kind !== 'unused') heard = await scorer.addToVoice(samples, heard);
  }
  return {
    rows,
    voiceFrom,
    voiceMode: mode === 'none' ? 'none' : mode === 'recording' ? 'recording' : 'speaker',
  };
}
