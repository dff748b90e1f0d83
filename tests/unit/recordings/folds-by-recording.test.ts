/**
 * Evaluation on segments keeps each recording whole: a fold never holds segments of one recording on both of its
 * sides (training, with its validation, against test), because a recording's segments share one voice, its speaker's,
 * or the recording's own when no one says whose it is. A project of long recordings without speakers still gets
 * a grouped split, never a random one.
 */
import { describe, expect, it } from 'vitest';
import type { Project } from '../../../src/core/dataset/node/project.js';
import type { SegmentState } from '../../../src/core/dataset/node/recordings-repo.js';
import { DEFAULT_TRAIN_CONFIG, type SplitSpec } from '../../../src/core/model/config.js';
import { trainingPlanOf } from '../../../src/core/model/training/folds.js';
import { recordingVoice } from '../../../src/core/recordings/node/import-recording.js';
import { cleanupAfterEach, fakeClip, newProject } from '../dataset/helpers.js';

cleanupAfterEach();

const LABELS = ['happy', 'sad', 'neutral'];
const NOW = '2026-01-01T00:00:00Z';

let n = 0;
function addRecording(project: Project, name: string, speaker: string | null, segments: number): void {
  const speakerOf = speaker ?? recordingVoice(`/in/${name}.wav`);
  const id = project.recordings.insert(
    {
      sourcePath: `/in/${name}.wav`,
      path: `/p/${name}/recording.wav`,
      sha256: `rec-${name}`,
      format: 'wav-pcm16',
      sampleRate: 16000,
      channels: 1,
      durationS: segments * 3,
      speaker: speakerOf,
      corpus: null,
      detector: {},
    },
    NOW,
  );
  for (let k = 0; k < segments; k++) {
    const s: SegmentState = {
      status: 'ok',
      startS: k * 3,
      endS: k * 3 + 2,
      path: `/p/${name}/seg-${k}.wav`,
      sha256: `seg-${++n}`,
      durationS: 2,
      peak: 0.5,
      rms: 0.1,
      clippedFraction: 0,
      silentFraction: 0,
    };
    project.recordings.insertSegment(
      { id, speaker: speakerOf, corpus: null },
      s,
      { label: LABELS[k % 3], labelSource: 'user' },
      NOW,
    );
  }
}

function recordingSides(project: Project, split: SplitSpec): string[] {
  const clips = project.clips.labelled(LABELS);
  const recordingOf = (i: number) => project.recordings.segmentOf(clips[i].id)?.recordingId ?? null;
  const { plan } = trainingPlanOf(clips, {
    ...DEFAULT_TRAIN_CONFIG,
    labels: LABELS,
    split,
    foldValidation: true,
  });
  const problems: string[] = [];
  for (const f of plan) {
    // validation (early stopping) is part of the training side
    const test = new Set(f.test.map(recordingOf).filter((r) => r !== null));
    for (const i of [...f.train, ...f.val]) {
      const r = recordingOf(i);
      if (r !== null && test.has(r)) problems.push(`fold ${f.fold}: recording ${r} in training and test`);
    }
  }
  return problems;
}

describe('folds over segments of long recordings', () => {
  it('never split a recording across a fold, whatever the split', () => {
    const project = newProject();
    // recordings of unknown speakers (each its own voice), two of one known speaker, and plain clips
    for (const name of ['a', 'b', 'c', 'd', 'e']) addRecording(project, name, null, 9);
    addRecording(project, 'f', 'Ann', 6);
    addRecording(project, 'g', 'Ann', 6);
    for (let k = 0; k < 12; k++)
      project.clips.insert(fakeClip({ speaker: `sp${k % 3}`, label: LABELS[k % 3] }), NOW);
    for (const split of ['loso', 'kfold:3', 'speaker'] as const)
      expect(recordingSides(project, split), split).toEqual([]);
  });

  it('a project of recordings without speakers is split by recording, not at random', () => {
    const project = newProject();
    for (const name of ['a', 'b', 'c', 'd']) addRecording(project, name, null, 6);
    const { decision, plan } = trainingPlanOf(project.clips.labelled(LABELS), {
      ...DEFAULT_TRAIN_CONFIG,
      labels: LABELS,
    });
    expect(decision.split).toBe('loso');
    expect(plan.filter((f) => f.fold !== 'final').map((f) => f.testSpeakers)).toEqual([
      ['recording:a'],
      ['recording:b'],
      ['recording:c'],
      ['recording:d'],
    ]);
    expect(recordingSides(project, 'loso')).toEqual([]);
  });

  it("a recording's speaker is set on all of its segments at once", () => {
    const project = newProject();
    addRecording(project, 'a', null, 4);
    project.recordings.setSpeaker(1, 'Ben', NOW);
    expect(new Set(project.clips.list({}).map((c) => c.speaker))).toEqual(new Set(['Ben']));
    expect(project.recordings.get(1)?.speaker).toBe('Ben');
  });
});
