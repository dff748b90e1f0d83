import { loadAudioFile } from '../../audio/node/index.js';
import type { FeatureStore } from '../../dataset/node/feature-store.js';
import {
  featureConfigKey,
  logMelSpectrogram,
  type FeatureConfig,
  type Spectrogram,
} from '../../features/index.js';
import { FeatureBankBuilder, type FeatureBank } from '../feature-bank.js';
import { prepareLogMel, type InputNorm } from '../input-norm.js';

export interface FeatureClip {
  path: string;
  sha256: string;
  durationS?: number | null;
}

export interface FeatureProgress {
  done: number;
  total: number;
  computed: number;
}

/** The log-mel of one audio file, decoded at 16 kHz whatever its length (evaluation and prediction windows it). */
export async function computeClipFeatures(file: string, cfg: FeatureConfig): Promise<Spectrogram> {
  const audio = await loadAudioFile(file, { maxDurationS: Infinity, rejectSilent: false });
  return logMelSpectrogram(audio.samples, cfg);
}

/** Frames a bank of these clips will hold, from their durations (4 s for a clip without one). */
export function estimateBankFrames(clips: readonly FeatureClip[], cfg: FeatureConfig): number {
  const framesPerS = cfg.sampleRate / cfg.hopLength;
  return clips.reduce((n, c) => n + Math.ceil((c.durationS ?? 4) * framesPerS) + 2, 0);
}

/**
 * Makes sure every clip's log-mel is in the cache (computing the missing ones once, keyed by content hash
 * and feature config), then copies them, trimmed and floored (prepareLogMel), into one compact bank in
 * `clips` order.
 * Memory: the bank is allocated once from the clips' durations; the cache is read in chunks.
 */
export async function loadFeatureBank(
  clips: readonly FeatureClip[],
  store: FeatureStore,
  cfg: FeatureConfig,
  prep: Pick<InputNorm, 'trimDb' | 'topDb'>,
  onProgress?: (p: FeatureProgress) => void,
): Promise<FeatureBank> {
  const key = featureConfigKey(cfg);
  const bySha = new Map(clips.map((c) => [c.sha256, c]));
  const missing = store.missing([...bySha.keys()], key);
  let computed = 0;
  const pending: Array<{ sha256: string; key: string; spec: Spectrogram }> = [];
  for (const sha of missing) {
    const clip = bySha.get(sha);
    if (!clip) continue;
    pending.push({ sha256: sha, key, spec: await computeClipFeatures(clip.path, cfg) });
    computed++;
    if (pending.length >= 64) store.putMany(pending.splice(0));
    onProgress?.({ done: computed, total: clips.length, computed });
  }
  if (pending.length > 0) store.putMany(pending.splice(0));

  const estimate = estimateBankFrames(clips, cfg);
  const builder = new FeatureBankBuilder(cfg.nMels, estimate * 1.01);
  const chunk = 256;
  for (let start = 0; start < clips.length; start += chunk) {
    const part = clips.slice(start, start + chunk);
    const specs = store.getMany(
      part.map((c) => c.sha256),
      key,
    );
    for (const c of part) {
      const spec = specs.get(c.sha256);
      if (!spec) throw new Error(`features of ${c.path} are missing from the cache`);
      builder.add(prepareLogMel(spec, prep));
    }
    onProgress?.({ done: Math.min(start + chunk, clips.length), total: clips.length, computed });
  }
  return builder.build();
}
