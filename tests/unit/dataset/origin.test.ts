import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveOrigin } from '../../../src/core/dataset/node/origin.js';

const root = path.resolve('/data/import');
const at = (...parts: string[]): string => path.join(root, ...parts);

describe('label and speaker of a file', () => {
  it('prefers the manifest, then the convention, then the folder', () => {
    const f = at('sad', '03a01Fa.wav');
    expect(resolveOrigin(f, root, { label: 'Anger', speaker: 'x9', split: 'test' })).toMatchObject({
      label: 'angry',
      labelSource: 'manifest',
      speaker: 'x9',
      speakerSource: 'manifest',
      corpus: 'emodb',
      split: 'test',
    });
    expect(resolveOrigin(f, root)).toMatchObject({
      label: 'happy',
      labelSource: 'convention',
      speaker: '03',
      speakerSource: 'convention',
      corpus: 'emodb',
      split: null,
    });
    expect(resolveOrigin(at('Sad', 'take1.wav'), root)).toMatchObject({
      label: 'sad',
      labelSource: 'folder',
      speaker: 'unknown',
      corpus: null,
    });
  });

  it('falls back field by field when a manifest cell is empty', () => {
    const o = resolveOrigin(at('03a01Fa.wav'), root, { speaker: 'someone' });
    expect(o).toMatchObject({ label: 'happy', labelSource: 'convention', speaker: 'someone' });
    const p = resolveOrigin(at('neutral', 'a.wav'), root, { split: 'train' });
    expect(p).toMatchObject({ label: 'neutral', labelSource: 'folder', split: 'train' });
  });

  it('does not store a manifest label it does not know: unlabelled, the word kept for the report', () => {
    expect(resolveOrigin(at('a.wav'), root, { label: 'Contempt' })).toMatchObject({
      label: null,
      labelSource: null,
      unknownLabel: 'Contempt',
    });
  });

  it('reads label/speaker and speaker/label folder layouts', () => {
    expect(resolveOrigin(at('happy', 'alice', 'a.wav'), root)).toMatchObject({
      label: 'happy',
      speaker: 'alice',
    });
    expect(resolveOrigin(at('bob', '03-happiness', 'a.wav'), root)).toMatchObject({
      label: 'happy',
      speaker: 'bob',
    });
    expect(resolveOrigin(at('carol', 'a.wav'), root)).toMatchObject({
      label: null,
      labelSource: null,
      speaker: 'carol',
      speakerSource: 'folder',
    });
  });

  it('uses the root folder name as a label but never as a speaker', () => {
    const happyRoot = path.resolve('/data/Happy');
    expect(resolveOrigin(path.join(happyRoot, 'a.wav'), happyRoot)).toMatchObject({
      label: 'happy',
      speaker: 'unknown',
    });
    expect(resolveOrigin(at('a.wav'), root)).toMatchObject({ label: null, speaker: 'unknown' });
  });

  it('ignores folders above the root and near-miss folder names', () => {
    expect(resolveOrigin(at('happy-birthday', 'a.wav'), root)).toMatchObject({
      label: null,
      speaker: 'happy-birthday',
    });
    expect(resolveOrigin(path.resolve('/data/sad/x/y/a.wav'), path.resolve('/data/sad/x/y'))).toMatchObject({
      label: null,
    });
  });

  it('takes the SAVEE speaker from its folder', () => {
    expect(resolveOrigin(at('JK', 'su03.wav'), root)).toMatchObject({
      label: 'surprise',
      speaker: 'JK',
      corpus: 'savee',
    });
  });
});
