// Shared by the memory benches: a synthetic log-mel corpus and a peak-RSS sampler.
import { FeatureBankBuilder, type FeatureBank } from '../../src/core/model/feature-bank.js';
import type { createRng } from '../../src/core/util/random.js';

/**
 * Clips of 1 to 5 s (101..501 frames): three classes, class c a bright band at its own mel rows over a
 * sloping, speech-like noise floor; the bank is allocated once at its final size. Clip i has class i % 3.
 */
export function syntheticCorpus(
  clips: number,
  mels: number,
  rng: ReturnType<typeof createRng>,
): { bank: FeatureBank; labels: number[] } {
  const lengths = Array.from({ length: clips }, () => 101 + rng.int(401));
  const builder = new FeatureBankBuilder(
    mels,
    lengths.reduce((a, b) => a + b, 0),
  );
  const labels: number[] = [];
  for (let i = 0; i < clips; i++) {
    const frames = lengths[i];
    const label = i % 3;
    const data = new Float32Array(frames * mels);
    const level = rng.uniform(-50, -20);
    for (let t = 0; t < frames; t++)
      for (let b = 0; b < mels; b++)
        data[t * mels + b] =
          level - 0.4 * b + (b >= label * 12 && b < label * 12 + 6 ? 15 : 0) + 6 * rng.normal();
    builder.add({ frames, bins: mels, data });
    labels.push(label);
  }
  return { bank: builder.build(), labels };
}

/** Samples the process's resident memory every 50 ms (and on demand); `peak` is the highest seen. */
export function peakRssSampler(): { sample: () => void; peak: () => number; stop: () => void } {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 50);
  return { sample, peak: () => peak, stop: () => clearInterval(timer) };
}
