export * from '../browser.js';
export { loadAudioFile } from './load-file.js';
export { decodeLongFile, MAX_LONG_RECORDING_S, type LongDecodeInfo, type SampleSink } from './decode-long.js';
