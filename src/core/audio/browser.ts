// Everything in index.ts except loadAudioFile, so the renderer's bundle never meets node:fs.
export { AudioError, type AudioErrorCode } from './audio-error.js';
export { TARGET_SAMPLE_RATE, type DecodedAudio, type LoadOptions, type LoadedAudio } from './types.js';
export { decodeAudio } from './decode.js';
export { resampleTo, DEFAULT_RESAMPLE_QUALITY, type ResampleQuality } from './resample.js';
export { audioStats, type AudioStats } from './stats.js';
export { loadAudio } from './load.js';
export { encodeWav, type EncodeWavOptions } from './wav-encode.js';
export { DEFAULT_MAX_DURATION_S, MAX_PREDICT_DURATION_S } from './duration-limit.js';
export { sniffAudio, type Sniffed } from './sniff.js';
