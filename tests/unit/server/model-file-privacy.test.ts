import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { startHarness, type Harness } from './harness.js';

describe('a model description downloaded over HTTP', () => {
  let h: Harness;
  let runId: number;
  beforeAll(async () => {
    h = await startHarness();
    const project = openProject(h.projectDir);
    try {
      runId = project.runs.create({ kind: 'train', labels: ['happy', 'sad'], config: {}, split: 'loso' });
      const modelDir = path.join(h.projectDir, 'models', `run-${runId}`);
      fs.mkdirSync(modelDir, { recursive: true });
      // As a model saved before names were left out of its file.
      fs.writeFileSync(
        path.join(modelDir, 'studio-model.json'),
        JSON.stringify({
          format: 'emotion-studio-model',
          labels: ['happy', 'sad'],
          metrics: {
            macro_f1: 0.7,
            speakers: 2,
            per_speaker: { 'Anna Lee': { accuracy: 0.5, clips: 4 }, Bert: { accuracy: 0.9, clips: 4 } },
          },
        }),
      );
      project.runs.update(runId, { status: 'done', modelDir });
    } finally {
      project.close();
    }
  });
  afterAll(async () => {
    await h.close();
  });

  it('names none of the training speakers, even from a model saved before they were left out', async () => {
    const res = await h.api(`/api/models/${runId}/studio-model.json`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/Anna|Bert/);
    expect(JSON.parse(text)).toMatchObject({
      labels: ['happy', 'sad'],
      metrics: { macro_f1: 0.7, speakers: 2, per_speaker: {} },
    });
  });
});
