/**
 * A training process of its own (like `ser train` in another shell): opens the project given as argv[2],
 * starts a run, saves a partial model beside it as the engine does after its first good epoch, says
 * "started <id>" and then keeps training (sleeps) until it is killed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openProject } from '../../../src/core/dataset/node/project.js';

const project = openProject(process.argv[2], { create: true });
const modelDir = path.join(project.dir, 'models', `partial-${process.pid}`);
fs.mkdirSync(modelDir, { recursive: true });
fs.writeFileSync(path.join(modelDir, 'model.json'), '{}');
const runId = project.runs.create({ kind: 'train', labels: ['happy', 'sad'], config: {}, modelDir });
project.runs.addEpoch(runId, {
  runId,
  epoch: 1,
  loss: 1,
  accuracy: 0.5,
  valLoss: null,
  valAccuracy: null,
  valMacroF1: null,
  lr: 0.001,
  clipsPerS: 10,
});
process.stdout.write(`started ${runId}\n`);
setInterval(() => {}, 1000);
