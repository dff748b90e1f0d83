import { Option } from 'commander';

/** The commands that run the model take the same choice of tfjs backend (see core/model/backend/select.ts). */
export function backendOption(): Option {
  return new Option('--backend <name>', 'tfjs backend')
    .choices(['auto', 'node-gpu', 'node', 'wasm', 'cpu'])
    .default('auto');
}
