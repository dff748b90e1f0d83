import type { Spectrogram } from '../features/index.js';
import { groupIndices } from '../util/group-by.js';
import { bankSpec, FeatureBankBuilder, type FeatureBank } from './feature-bank.js';
import { fitInputNorm, instanceOffsets, writeNormalised, type InstanceMode } from './input-norm.js';

/** A speaker's per-band level and spread, after the instance step (what their clips are measured against). */
export interface SpeakerBands {
  mean: number[];
  std: number[];
}

/** The per-band statistics of a speaker's clips (log-mels already through prepareLogMel). */
export function bandsOf(prepared: Iterable<Spectrogram>, instance: InstanceMode): SpeakerBands {
  const { mean, std } = fitInputNorm(prepared, instance, { trimDb: 0, topDb: 0 });
  return { mean, std };
}

/** The per-band statistics of the bank's clips `clips`. */
export function speakerBands(
  bank: FeatureBank,
  clips: readonly number[],
  instance: InstanceMode,
): SpeakerBands {
  return bandsOf(
    clips.map((i) => bankSpec(bank, i)),
    instance,
  );
}

/**
 * A copy of the bank in which every clip is standardised band by band by its own speaker's statistics
 * (after the instance step), so that what reaches the model is how a clip differs from that speaker's usual
 * voice. It uses no labels: a held-out speaker is standardised by their own clips, as the classic features
 * are (see classic/speaker-standardise.ts).
 */
export function speakerNormalisedBank(
  bank: FeatureBank,
  speakers: readonly string[],
  instance: InstanceMode,
): { bank: FeatureBank; bands: Map<string, SpeakerBands> } {
  if (speakers.length !== bank.frames.length)
    throw new RangeError(`${speakers.length} speakers for ${bank.frames.length} clips`);
  const bySpeaker = groupIndices(speakers.length, (i) => speakers[i]);
  const bands = new Map([...bySpeaker].map(([s, idx]) => [s, speakerBands(bank, idx, instance)]));
  const builder = new FeatureBankBuilder(bank.bins, bank.data.length / bank.bins);
  for (let i = 0; i < bank.frames.length; i++) {
    const spec = bankSpec(bank, i);
    const out = new Float32Array(spec.data.length);
    const stats = bands.get(speakers[i]);
    if (!stats) throw new Error(`no statistics for speaker ${speakers[i]}`);
    writeNormalised(spec, instanceOffsets(spec, instance), stats, out);
    builder.add({ frames: spec.frames, bins: spec.bins, data: out });
  }
  return { bank: builder.build(), bands };
}
