import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSource, openProject } from '../../../src/core/dataset/index.js';
import { hasEmoDb, linkEmoDb, ser } from './corpus-fixtures.js';

let root: string;
const onlyHappy = () => path.join(root, 'only-happy');
const oneSpeaker = () => path.join(root, 'one-speaker');

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ser-refusals-'));
  for (const [name, speakers, labels] of [
    ['only-happy', ['03', '08'], ['happy']],
    ['one-speaker', ['03'], ['happy', 'sad', 'neutral']],
  ] as const) {
    linkEmoDb(path.join(root, `${name}-audio`), speakers, labels);
    const project = openProject(path.join(root, name), { create: true });
    try {
      await importSource(project, path.join(root, `${name}-audio`));
    } finally {
      project.close();
    }
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.runIf(hasEmoDb)('ser train refuses data it cannot train on', () => {
  it('fewer than two labelled classes: a non-zero exit and the reason', () => {
    const r = ser(['train', '--project', onlyHappy(), '--epochs', '1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      /training needs clips of at least two labels of the label set \(happy, sad, neutral\), but only happy has any \(happy \d+, sad 0, neutral 0\)/,
    );
    // Nothing half-done was recorded.
    const p = openProject(onlyHappy());
    try {
      expect(p.runs.list()).toEqual([]);
    } finally {
      p.close();
    }
  });

  it('one speaker: a non-zero exit and the reason, for loso and the default split', () => {
    for (const split of ['loso', 'speaker']) {
      const r = ser(['train', '--project', oneSpeaker(), '--split', split, '--epochs', '1']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/needs at least two speakers, but all clips are from speaker 03/);
    }
  });

  it('a bad option value: a non-zero exit naming it', () => {
    const r = ser(['train', '--project', oneSpeaker(), '--split', 'kfold:1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/unknown split "kfold:1"/);
  });
});
