/**
 * Long recordings over HTTP, as the renderer uses them in web mode: `import.start` splits a long file, the
 * recording's stretches are served as WAV, segment edits and exports go through the RPC (with the refusals a
 * person may meet said plainly), and `/api/predict/timeline` reads a posted recording as a timeline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecordingDetail, RecordingSummary, TimelineResult } from '../../../src/common/contract.js';
import { parseWavHeader } from '../../../src/core/audio/wav-header.js';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { parseTextGrid } from '../../../src/core/recordings/interchange/index.js';
import { fakePredictor } from '../../support/fake-predictor.js';
import { burstsWav } from '../../support/long-recording.js';
import { startHarness, type Harness } from './harness.js';

const BURSTS: Array<[number, number]> = [
  [2, 4.5],
  [6, 7],
  [9.5, 13],
  [20, 22.5],
  [30, 31.2],
];

describe('long recordings in web mode', () => {
  let h: Harness;
  let wav: string;
  beforeAll(async () => {
    h = await startHarness({
      predictorLoader: async () =>
        fakePredictor(['happy', 'sad'], (samples) => ({
          label: samples.length > 32000 ? 'happy' : 'sad',
          confidence: 0.9,
          probs: { happy: 0.9, sad: 0.1 },
          windows: 1,
        })),
    });
    wav = burstsWav(path.join(h.dir, 'in', 'talk.wav'), 35, BURSTS);
    const started = await h.rpc('import.start', { source: path.dirname(wav) });
    expect(started.status).toBe(200);
    await vi.waitFor(
      async () => {
        const list = (await h.rpc('recordings.list')).body.result as RecordingSummary[];
        if (list.length === 0) throw new Error('not imported yet');
      },
      { timeout: 30_000, interval: 100 },
    );
  });
  afterAll(async () => {
    await h.close();
  });

  const detail = async () => (await h.rpc('recordings.get', { id: 1 })).body.result as RecordingDetail;

  it('imports the long file as a recording of its utterances', async () => {
    const list = (await h.rpc('recordings.list')).body.result as RecordingSummary[];
    expect(list).toEqual([
      {
        id: 1,
        name: 'talk.wav',
        sourcePath: wav,
        durationS: 35,
        speaker: 'recording:talk',
        segments: BURSTS.length,
      },
    ]);
    expect((await detail()).segmentList).toHaveLength(BURSTS.length);
  });

  it('serves a stretch of the recording as a 16 kHz WAV, and refuses what it cannot serve', async () => {
    const res = await h.api('/api/recordings/1/audio/1500-4000');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const layout = parseWavHeader(new Uint8Array(await res.arrayBuffer()));
    expect(layout).toMatchObject({ sampleRate: 16000, channels: 1, frames: 2.5 * 16000 });
    expect((await h.api('/api/recordings/1/audio/4000-1000')).status).toBe(400);
    expect((await h.api('/api/recordings/9/audio/0-1000')).status).toBe(404);
  });

  it('edits segments through the RPC, and says why an edit is refused', async () => {
    const [a, b] = (await detail()).segmentList;
    const split = await h.rpc('segments.edit', { kind: 'split', clipId: a.clipId, atS: 3 });
    expect(split.status).toBe(200);
    expect((await detail()).segmentList).toHaveLength(BURSTS.length + 1);
    const overlap = await h.rpc('segments.edit', { kind: 'resize', clipId: b.clipId, startS: 4, endS: 7 });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error).toMatch(/segments may not overlap/);
    const bad = await h.rpc('segments.edit', { kind: 'shrink', clipId: b.clipId });
    expect(bad.status).toBe(400);
    const undo = await h.rpc('labels.undo');
    expect(undo.status).toBe(200);
    expect((await detail()).segmentList).toHaveLength(BURSTS.length);
  });

  it('exports the segments as a TextGrid named after the recording', async () => {
    const r = (await h.rpc('segments.export', { recordingId: 1, format: 'textgrid' })).body.result as {
      name: string;
      text: string;
    };
    expect(r.name).toBe('talk.TextGrid');
    const tiers = parseTextGrid(r.text).tiers;
    expect(tiers[0].intervals.filter((iv) => iv.text === 'unlabelled')).toHaveLength(BURSTS.length);
  });

  it('reads a posted recording as a timeline, or says there is no model', async () => {
    const post = () =>
      h.api('/api/predict/timeline?name=talk.wav', {
        method: 'POST',
        body: new Uint8Array(fs.readFileSync(wav)),
      });
    const none = await post();
    expect(none.status).toBe(404);
    const project = openProject(h.projectDir);
    try {
      const id = project.runs.create({ kind: 'train', labels: ['happy', 'sad'], config: {}, split: 'loso' });
      const modelDir = path.join(h.projectDir, 'models', `run-${id}`);
      fs.mkdirSync(modelDir, { recursive: true });
      fs.writeFileSync(path.join(modelDir, 'model.json'), '{}');
      project.runs.update(id, { status: 'done', modelDir, metrics: { macro_f1: 0.8 } });
    } finally {
      project.close();
    }
    const res = await post();
    const json = (await res.json()) as { ok: boolean; result: TimelineResult };
    expect(json.ok).toBe(true);
    expect(json.result.rows.map((r) => r.label)).toEqual(['happy', 'sad', 'happy', 'happy', 'sad']);
    expect(json.result).toMatchObject({ durationS: 35, voiceMode: 'recording', runId: 1, partial: false });
    expect(json.result.voiceFrom).toBe(json.result.rows[1].start);
    const notAudio = await h.api('/api/predict/timeline?name=notes.txt', {
      method: 'POST',
      body: new TextEncoder().encode('not a recording at all'),
    });
    expect(notAudio.status).toBe(400);
    expect(((await notAudio.json()) as { error: string }).error).toMatch(/^notes\.txt: not audio/);
  });
});
