import { describe, expect, it } from 'vitest';
import {
  audioName,
  DEFAULT_CLIP_FILTER,
  describeFilter,
  isDefaultFilter,
  listCountText,
  positionText,
} from '../../../../src/renderer/lib/state/clip-filter.js';
import type { ClipFilter } from '../../../../src/common/contract.js';

const LABELS = ['happy', 'sad', 'neutral'];

describe('the default clip filter', () => {
  it('is the label set (or unlabelled) without rejected files', () => {
    expect(DEFAULT_CLIP_FILTER).toEqual({ inLabelSet: true, status: 'ok' });
    expect(isDefaultFilter({ status: 'ok', inLabelSet: true })).toBe(true);
    expect(isDefaultFilter({})).toBe(false);
    expect(isDefaultFilter({ inLabelSet: true, status: 'rejected' })).toBe(false);
    expect(isDefaultFilter({ inLabelSet: true, status: 'ok', speaker: '03' })).toBe(false);
  });
});

describe('the filter in words (what Review says it follows)', () => {
  it('names every condition in force', () => {
    expect(describeFilter(DEFAULT_CLIP_FILTER, LABELS)).toEqual([
      'labels happy, sad, neutral or unlabelled',
      'no rejected files',
    ]);
    expect(
      describeFilter(
        {
          status: 'rejected',
          speaker: '08',
          search: 'a01',
          maxConfidence: 0.6,
          disagrees: true,
          unlabelled: true,
        },
        LABELS,
      ),
    ).toEqual([
      'rejected files only',
      'speaker 08',
      'name contains “a01”',
      'model confidence ≤ 60%',
      'model disagrees',
      'unlabelled',
    ]);
    expect(describeFilter({ ids: [4, 5, 6] }, LABELS)).toEqual(['3 clips from Evaluate']);
    expect(describeFilter({ notLabelledBy: 'Ben', annotatorsDisagree: true }, LABELS)).toEqual([
      'not labelled by Ben yet (blind pass)',
      'annotators disagree',
    ]);
    expect(describeFilter({ label: 'angry', inLabelSet: false }, LABELS)).toEqual([
      'label angry',
      'labels outside the label set',
    ]);
  });

  it('says when nothing is filtered, and still names a filter kind it does not know', () => {
    expect(describeFilter({}, LABELS)).toEqual(['every clip and rejected file']);
    // a filter added later (an annotator's queue, say) is shown by its key rather than hidden
    const future = { status: 'ok', assignedTo: 'ana', queue: true } as unknown as ClipFilter;
    expect(describeFilter(future, LABELS)).toEqual(['no rejected files', 'assignedTo: ana', 'queue']);
  });
});

describe('counts use the sidebar’s words: clips are accepted files, rejected files are counted apart', () => {
  const stats = { clips: 9, rejected: 4 };

  it('the Clips header', () => {
    expect(listCountText(9, DEFAULT_CLIP_FILTER, stats)).toBe('9 clips · 4 rejected files');
    expect(listCountText(6, DEFAULT_CLIP_FILTER, stats)).toBe('6 of 9 clips · 4 rejected files');
    expect(listCountText(6, DEFAULT_CLIP_FILTER, { clips: 9, rejected: 0 })).toBe('6 of 9 clips');
    expect(listCountText(4, { status: 'rejected' }, stats)).toBe('4 rejected files · 9 clips');
    expect(listCountText(1, { status: 'rejected', search: 'x' }, { clips: 1, rejected: 4 })).toBe(
      '1 of 4 rejected files · 1 clip',
    );
    expect(listCountText(13, {}, stats)).toBe('13 files (9 clips + 4 rejected files)');
    expect(listCountText(3, { ids: [1, 2, 3] }, stats)).toBe('3 of 9 clips · 4 rejected files');
  });

  it("Review's position", () => {
    expect(positionText(0, 12, DEFAULT_CLIP_FILTER)).toBe('clip 1 of 12');
    expect(positionText(2, 1200, DEFAULT_CLIP_FILTER, true)).toBe('clip 3 of 1,200 in the review queue');
    expect(positionText(0, 2, { status: 'rejected' })).toBe('rejected file 1 of 2');
    expect(positionText(4, 13, {})).toBe('file 5 of 13');
  });
});

describe('the name Review gives the audio', () => {
  it('is the file name, except in the blind pass, where a name may spell the emotion', () => {
    const take = 'take-001-happy-20261206T071259819Z.wav';
    expect(audioName(take, DEFAULT_CLIP_FILTER)).toBe(take);
    expect(audioName(take, { ...DEFAULT_CLIP_FILTER, speaker: 'newvoice01' })).toBe(take);
    expect(audioName(take, { ...DEFAULT_CLIP_FILTER, notLabelledBy: 'Ana' })).toBe('this clip');
    expect(audioName('03a01Fa.wav', { notLabelledBy: 'Ben' })).not.toContain('03a01Fa');
  });
});
