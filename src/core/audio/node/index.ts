export * from '../browser.js';
export { loadAudioFile } from './load-file.js';
