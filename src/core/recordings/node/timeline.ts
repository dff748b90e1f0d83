import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TimelineResult, TimelineRow } from '../../../common/contract.js';
import { TARGET_SAMPLE_RATE } from '../../audio/node/index.js';
import type { LoadedModel } from '../../model/model-meta.js';
import { addSamplesToVoice, predictSamples, type KnownVoice } from '../../model/predict.js';
import type { VoiceStats } from '../../voice/index.js';
import { detectSpeech, type DetectorOptions, type TimeSpan } from '../speech-detector.js';
import { readRecordingRange, writeRecordingCopy } from './recording-audio.js';

export interface TimelineOptions {
  detector?: Partial<DetectorOptions>;
  /**
   * 'recording' (default): each utterance is scored with the voice heard before it in the recording (never with
   * itself), then added to it; 'none': each as a voice never heard, as a file on its own is scored; a KnownVoice
   * (a project speaker): every utterance with those statistics.
   */
  voice?: 'recording' | 'none' | KnownVoice;
  /** Utterances given instead of detected (a recording's own segments). */
  spans?: readonly TimeSpan[];
  /** Where the temporary 16 kHz copy goes (default: the system's temporary folder). */
  tmpDir?: string;
}

/**
 * Scores every utterance of a recording of any length: decodes it in pieces into a temporary 16 kHz copy,
 * finds the utterances, and scores them in order with the voice built up so far (the speaker-adaptation path).
 */
export async function predictTimeline(
  loaded: LoadedModel,
  file: string,
  opts: TimelineOptions = {},
): Promise<TimelineResult> {
  const dir = fs.mkdtempSync(path.join(opts.tmpDir ?? os.tmpdir(), 'ser-timeline-'));
  try {
    const copy = path.join(dir, 'recording.wav');
    const { levels, info } = await writeRecordingCopy(file, copy);
    const spans = opts.spans ?? detectSpeech(levels, opts.detector);
    return {
      durationS: info.durationS,
      ...scoreSpans(loaded, (a, b) => readRecordingRange(copy, a, b), spans, opts.voice ?? 'recording'),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Scores stretches of a 16 kHz signal (read by `samplesOf(from, to)`) in time order. */
export function scoreSpans(
  loaded: LoadedModel,
  samplesOf: (from: number, to: number) => Float32Array,
  spans: readonly TimeSpan[],
  mode: 'recording' | 'none' | KnownVoice,
): Pick<TimelineResult, 'rows' | 'voiceFrom' | 'voiceMode'> {
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
    const p = predictSamples(loaded, samples, voice);
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
    if (mode === 'recording' && p.voice.kind !== 'unused') heard = addSamplesToVoice(loaded, heard, samples);
  }
  return {
    rows,
    voiceFrom,
    voiceMode: mode === 'none' ? 'none' : mode === 'recording' ? 'recording' : 'speaker',
  };
}
