import type { AudioStats } from './stats.js';

export const TARGET_SAMPLE_RATE = 16000;

export interface DecodedAudio {
  /** e.g. 'wav-pcm16', 'wav-float32', 'flac', 'mp3', 'ogg-vorbis' */
  format: string;
  sampleRate: number;
  channels: number;
  frames: number;
  /** Channels averaged to mono; full scale is 1 (float sources may exceed it, they are not clamped). */
  mono: Float32Array;
}

export interface LoadOptions {
  /** Default 120; Infinity to predict long files. */
  maxDurationS?: number;
  /** Default true. */
  rejectSilent?: boolean;
}

export interface LoadedAudio {
  /** 16 kHz mono. */
  samples: Float32Array;
  sampleRate: typeof TARGET_SAMPLE_RATE;
  info: { format: string; sampleRate: number; channels: number; durationS: number };
  /** Measured on the original-rate mono signal, before resampling. */
  stats: AudioStats;
}
