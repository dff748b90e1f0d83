// Prediction runs the feature code in the renderer, training in Node: both must produce the same bits. JS engines
// disagree in the last bit of Math.cos/log/exp (Node 20 and Chromium 156 do), so the prediction path may only use
// det-math for those. This guards against a Math.* call creeping back in.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FEATURES = join(import.meta.dirname, '../../../src/core/features');
const PREDICTION_PATH = [
  'config.ts',
  'spectrogram.ts',
  'mel-scale.ts',
  'mel-filterbank.ts',
  'window.ts',
  'stft.ts',
  'log-mel.ts',
  'mfcc.ts',
  'deltas.ts',
  'fixed-size.ts',
  'normalise.ts',
];
const ENGINE_DEPENDENT =
  /Math\.(cos|sin|tan|acos|asin|atan2?|cosh|sinh|tanh|exp|expm1|log|log10|log2|log1p|pow|cbrt|hypot)\s*\(/;

describe('prediction-path features are engine-independent', () => {
  it.each(PREDICTION_PATH)('%s uses no engine-dependent Math function', (file) => {
    const code = readFileSync(join(FEATURES, file), 'utf8')
      .split('\n')
      .filter((line) => !line.trim().startsWith('//') && !line.trim().startsWith('*'))
      .join('\n');
    expect(code.match(ENGINE_DEPENDENT)?.[0] ?? null).toBeNull();
  });
});
