// Analysis window as librosa builds it: scipy's periodic ("fftbins=True") Hann of winLength, zero-padded
// symmetrically to nFft.

import { detCosTurns } from './det-math.js';

export function hannWindow(winLength: number, nFft: number): Float64Array {
  const w = new Float64Array(nFft);
  const left = Math.floor((nFft - winLength) / 2);
  for (let n = 0; n < winLength; n++) w[left + n] = 0.5 - 0.5 * detCosTurns(n, winLength);
  return w;
}
