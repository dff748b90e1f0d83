import type { TrainRequest } from '../../../common/contract.js';
import {
  trainingOptionEntries,
  type TrainingOptionKey,
  type TrainingOptions,
} from '../../../common/training-options.js';
import type { TrainConfig } from '../config.js';

/** The options that are TrainConfig fields of the same name. */
type ConfigOptionKey = {
  [K in TrainingOptionKey]: TrainingOptions[K]['config'] extends true ? K : never;
}[TrainingOptionKey];
// The compiler checks that each of them is a TrainConfig field (a typo or a missing field fails here).
type Assert<T extends true> = T;
type _EveryConfigOptionIsAField = Assert<ConfigOptionKey extends keyof TrainConfig ? true : false>;

/**
 * The settings a Train form, API request or `ser train` changes from the defaults (the rest stay as
 * resolveTrainConfig has them): each TRAINING_OPTIONS entry that is a TrainConfig field, as the request gives it.
 */
export function trainConfigOf(request: TrainRequest): Partial<TrainConfig> {
  const config: Record<string, unknown> = {};
  for (const [key, option] of trainingOptionEntries()) {
    const value = request[key];
    if (!option.config || value === undefined) continue;
    const copy = Array.isArray(value) ? [...(value as unknown[])] : value;
    config[key] = option.toConfig ? option.toConfig(copy) : copy;
  }
  return config as Partial<TrainConfig>;
}
