/**
 * `npx tsx tests/e2e/support/demo-serve.ts --project DIR [--port N]`: the real server and studio service with
 * the demo training runner and a demo predictor, for working on the renderer's Train/Evaluate/Predict screens
 * in seconds. Prints the URL like `ser serve`.
 */
import path from 'node:path';
import { fakePredictor } from '../../support/fake-predictor.js';
import { parseArgs } from 'node:util';
import { createNodeTrainingHost } from '../../../src/core/studio/node-training-host.js';
import { createStudioService } from '../../../src/core/studio/service.js';
import { rendererOutDir } from '../../../src/server/renderer-build.js';
import { startServer } from '../../../src/server/server.js';

const { values } = parseArgs({
  options: { project: { type: 'string' }, port: { type: 'string', default: '0' } },
});
if (!values.project) throw new Error('--project DIR is required');

const service = createStudioService({
  projectDir: path.resolve(values.project),
  mode: 'web',
  trainingHost: createNodeTrainingHost({ runner: new URL('./demo-runner.ts', import.meta.url) }),
  predictorLoader: async () => {
    const labels = ['happy', 'sad', 'neutral'];
    return fakePredictor(labels, (samples) => {
      // A deterministic guess from the signal's loudness, so different inputs give different bars.
      let e = 0;
      for (const x of samples) e += x * x;
      const k = Math.floor(Math.sqrt(e / Math.max(1, samples.length)) * 97) % labels.length;
      const probs = Object.fromEntries(labels.map((l, i) => [l, i === k ? 0.72 : 0.14]));
      return {
        label: labels[k],
        confidence: 0.72,
        probs,
        windows: Math.max(1, Math.round(samples.length / 16000 / 2)),
      };
    });
  },
});
const server = await startServer({ service, port: Number(values.port), staticDir: rendererOutDir() });
process.stdout.write(`${server.url}\n`);
const stop = async (): Promise<void> => {
  await server.close();
  await service.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
