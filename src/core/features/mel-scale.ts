// Slaney's Auditory Toolbox mel scale, as librosa uses by default (htk=False): linear below 1 kHz
// (200/3 Hz per mel), logarithmic above with 27 mels per factor 6.4. det-math keeps the filterbank identical in
// every JS engine.

import { detExp, detLog } from './det-math.js';

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP; // 15
const LOG_STEP = detLog(6.4) / 27;

export function hzToMel(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + detLog(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

export function melToHz(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * detExp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}
