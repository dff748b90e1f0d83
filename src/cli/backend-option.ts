import { Option } from 'commander';
import { BACKEND_PREFERENCES, TRAINING_DEFAULTS } from '../common/options.js';

/** The commands that run the model take the same choice of tfjs backend (see core/model/backend/select.ts). */
export function backendOption(): Option {
  return new Option('--backend <name>', 'tfjs backend')
    .choices([...BACKEND_PREFERENCES])
    .default(TRAINING_DEFAULTS.backend);
}
