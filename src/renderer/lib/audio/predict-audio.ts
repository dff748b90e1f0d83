import type { PredictionResult } from '../../../common/contract.js';
import type { VoiceChoice } from '../state/in-page.svelte.js';
import { studio } from '../state/studio.svelte.js';

/**
 * Scores a file's bytes on the server with the project's latest model (it decodes any format it knows), told
 * what is known of the voice.
 */
export async function predictBytes(
  name: string,
  data: Uint8Array<ArrayBuffer>,
  voice: VoiceChoice = null,
  runId?: number,
): Promise<PredictionResult> {
  return studio.client.request('predict.audio', {
    name,
    data,
    ...(voice ?? {}),
    ...(runId === undefined ? {} : { runId }),
  });
}
