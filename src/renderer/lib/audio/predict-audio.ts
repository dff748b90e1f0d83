import type { PredictionResult } from '../../../common/contract.js';
import { studio } from '../state/studio.svelte.js';

/** Scores a file's bytes on the server with the project's latest model (it decodes any format it knows). */
export async function predictBytes(
  name: string,
  data: Uint8Array<ArrayBuffer>,
  runId?: number,
): Promise<PredictionResult> {
  return studio.client.request('predict.audio', runId === undefined ? { name, data } : { name, data, runId });
}
