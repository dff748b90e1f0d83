import type { Option } from 'commander';
import { TRAINING_OPTIONS } from '../common/training-options.js';
import { flagsOf } from './train/train-flags.js';

/** The commands that run the model take the same choice of tfjs backend (see core/model/backend/select.ts). */
export function backendOption(): Option {
  const [flag] = flagsOf(TRAINING_OPTIONS.backend);
  return flag!;
}
