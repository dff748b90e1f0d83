// The Review screen's pitch and energy tiers, computed in the page from the samples it already decoded for
// the waveform (no second decode or round trip): a 3 s clip costs a few tens of milliseconds.
import { energyContour, type EnergyContour, type EnergyOptions } from './energy.js';
import { medianVoicedHz, pitchContour, type PitchContour, type PitchOptions } from './pitch.js';

export interface Contours {
  pitch: PitchContour;
  energy: EnergyContour;
  /** Median F0 of the voiced frames (null: nothing voiced). */
  medianHz: number | null;
}

export function computeContours(
  samples: Float32Array,
  sampleRate: number,
  options: { pitch?: Partial<PitchOptions>; energy?: Partial<EnergyOptions> } = {},
): Contours {
  const pitch = pitchContour(samples, sampleRate, options.pitch);
  const energy = energyContour(samples, sampleRate, options.energy);
  return { pitch, energy, medianHz: medianVoicedHz(pitch.hz) };
}
