import { describe, expect, it } from 'vitest';
import {
  assertValidFeatureConfig,
  DEFAULT_FEATURE_CONFIG,
  featureConfigKey,
} from '../../../src/core/features/index.js';
import { loadReference } from './reference-fixtures.js';

describe('feature config', () => {
  it('defaults equal the librosa reference configuration', () => {
    const c = loadReference('tone1k').config;
    expect(DEFAULT_FEATURE_CONFIG).toEqual({
      sampleRate: c.sample_rate,
      nFft: c.n_fft,
      winLength: c.win_length,
      hopLength: c.hop_length,
      nMels: c.n_mels,
      fmin: c.fmin,
      fmax: c.fmax,
      nMfcc: c.n_mfcc,
    });
  });

  it('key is short, stable, and changes with every log-mel parameter', () => {
    expect(featureConfigKey(DEFAULT_FEATURE_CONFIG)).toBe('lm-16000-512-512-160-64-0-8000');
    const fields = ['sampleRate', 'nFft', 'winLength', 'hopLength', 'nMels', 'fmin', 'fmax'] as const;
    const keys = new Set(
      fields.map((f) => featureConfigKey({ ...DEFAULT_FEATURE_CONFIG, [f]: DEFAULT_FEATURE_CONFIG[f] + 1 })),
    );
    expect(keys.size).toBe(fields.length);
    expect(keys.has(featureConfigKey(DEFAULT_FEATURE_CONFIG))).toBe(false);
    // nMfcc does not change the cached log-mel.
    expect(featureConfigKey({ ...DEFAULT_FEATURE_CONFIG, nMfcc: 13 })).toBe(
      featureConfigKey(DEFAULT_FEATURE_CONFIG),
    );
  });

  it('rejects impossible configs', () => {
    expect(() => assertValidFeatureConfig(DEFAULT_FEATURE_CONFIG)).not.toThrow();
    expect(() => assertValidFeatureConfig({ ...DEFAULT_FEATURE_CONFIG, nFft: 400 })).toThrow(/nFft/);
    expect(() => assertValidFeatureConfig({ ...DEFAULT_FEATURE_CONFIG, winLength: 1024 })).toThrow(
      /winLength/,
    );
    expect(() => assertValidFeatureConfig({ ...DEFAULT_FEATURE_CONFIG, fmax: 9000 })).toThrow(/fmax/);
    expect(() => assertValidFeatureConfig({ ...DEFAULT_FEATURE_CONFIG, hopLength: 0 })).toThrow(/hopLength/);
    expect(() => assertValidFeatureConfig({ ...DEFAULT_FEATURE_CONFIG, nMfcc: 65 })).toThrow(/nMfcc/);
  });
});
