import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSource, openProject } from '../../../src/core/dataset/node/index.js';
import { hasEmoDb, linkEmoDb, ser } from './corpus-fixtures.js';

let root: string;
const onlyHappy = () => path.join(root, 'only-happy');
const oneSpeaker = () => path.join(root, 'one-speaker');

beforeAll(async () => {
  if (!hasEmoDb) return;
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
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

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

  it('one speaker: a non-zero exit and the reason, for loso (the default) and the speaker split', () => {
    for (const split of ['loso', 'speaker']) {
      const r = ser(['train', '--project', oneSpeaker(), '--split', split, '--epochs', '1']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/needs at least two speakers, but all clips are from speaker 03/);
    }
  });

  it('a bad option value: a non-zero exit naming it, and no run recorded', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--split', 'kfold:1'], /unknown split "kfold:1"/],
      [['--stats-rate', '0'], /--stats-rate must be a number in \(0, 1000\], not "0"/],
      [['--lr', '2'], /--lr must be a number in \(0, 1\], not "2"/],
      [['--members', '10'], /an ensemble has 1 to 9 members, got 10/],
    ];
    for (const [args, reason] of cases) {
      const r = ser(['train', '--project', onlyHappy(), ...args]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(reason);
    }
    const p = openProject(onlyHappy());
    try {
      expect(p.runs.list()).toEqual([]);
    } finally {
      p.close();
    }
  });

  it('passes the training options through to the run it records', () => {
    const twoSpeakers = path.join(root, 'two-speakers');
    linkEmoDb(`${twoSpeakers}-audio`, ['03', '08'], ['happy', 'sad', 'neutral']);
    const init = ser(['import', `${twoSpeakers}-audio`, '--project', twoSpeakers]);
    expect(init.code).toBe(0);
    const r = ser([
      'train',
      '--project',
      twoSpeakers,
      ...['--split', 'loso', '--epochs', '1', '--size', 'small'],
      ...['--members', '2', '--stats-rate', '7', '--fold-validation', '--seed', '4'],
    ]);
    expect(r.code).toBe(0);
    const p = openProject(twoSpeakers);
    try {
      const [run] = p.runs.list();
      expect(run.config).toMatchObject({
        split: 'loso',
        members: 2,
        statsRateScale: 7,
        foldValidation: true,
        seed: 4,
      });
    } finally {
      p.close();
    }
  }, 120_000);
});
