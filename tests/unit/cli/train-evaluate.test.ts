/**
 * `ser train` and `ser evaluate` agree with the app: the same default split, and an evaluation that by default
 * scores only clips the model's training run held out (its numbers are that run's), warning loudly when asked
 * to score the training clips too. Tiny runs of generated tones keep it quick.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { makeEmoDbLikeFolder, tempDir, toneWav } from '../studio/fixtures.js';
import { cellEnds, confusionBlock } from './columns.js';

const SER = path.resolve('bin/ser.js');
const LABELS = ['happy', 'sad', 'neutral'];
/** A CNN this small trains an epoch in a moment; the scores are not the point here. */
const QUICK = ['--epochs', '1', '--size', 'small', '--augment', 'none', '--jobs', '1'];

async function ser(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SER, ...args], {
      maxBuffer: 1 << 24,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

interface TrainJson {
  runId: number;
  status: string;
  split: string;
  folds: number;
  accuracy: number;
  macro_f1: number;
  uar: number;
  confusion: number[][];
  clips: number;
}
interface EvaluateJson {
  runId: number;
  scope: string;
  trainingRun: { id: number; split: string } | null;
  accuracy: number;
  macro_f1: number;
  uar: number;
  confusion: number[][];
  clips: number;
  speakers: number;
}

let root: string;
let project: string;
let loso: TrainJson;
let looseText: string;

beforeAll(async () => {
  root = tempDir('cli-train');
  makeEmoDbLikeFolder(path.join(root, 'corpus'), 2);
  project = path.join(root, 'project');
  const imported = await ser('import', path.join(root, 'corpus'), '--project', project);
  expect(imported.code).toBe(0);
  // No --split: the default.
  const trained = await ser('train', '--project', project, ...QUICK, '--json');
  expect(trained.stderr).not.toMatch(/error/i);
  expect(trained.code).toBe(0);
  loso = JSON.parse(trained.stdout) as TrainJson;
}, 300_000);
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('ser train and ser evaluate', () => {
  it('trains leave-one-speaker-out by default, as the app does', () => {
    expect(loso.status).toBe('done');
    expect(loso.split).toBe('loso');
    expect(loso.folds).toBe(3);
    const p = openProject(project);
    try {
      expect(p.runs.get(loso.runId)?.config).toMatchObject({ split: 'loso' });
    } finally {
      p.close();
    }
  });

  it('evaluates the held-out clips by default: the numbers are the training run’s own', async () => {
    const r = await ser('evaluate', '--project', project, '--json');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as EvaluateJson;
    expect(e.scope).toBe('held-out');
    expect(e.trainingRun).toMatchObject({ id: loso.runId, split: 'loso' });
    expect(e.clips).toBe(loso.clips);
    expect(e.accuracy).toBe(loso.accuracy);
    expect(e.macro_f1).toBe(loso.macro_f1);
    expect(e.uar).toBe(loso.uar);
    expect(e.confusion).toEqual(loso.confusion);
    expect(r.stderr).not.toMatch(/WARNING/);

    const text = await ser('evaluate', '--project', project);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      new RegExp(`^held-out clips only: what run ${loso.runId} \\(loso\\) predicted`),
    );
    expect(text.stdout).toContain(`macro F1 ${loso.macro_f1.toFixed(3)}`);
    // the CNN beside the classic baseline: the run's own folds
    expect(text.stdout).toMatch(/^same folds, side by side/m);
    looseText = text.stdout;
  });

  it('with a speaker split, scores only the test speakers the saved model never heard', async () => {
    const trained = await ser('train', '--project', project, ...QUICK, '--split', 'speaker', '--json');
    expect(trained.code).toBe(0);
    const run = JSON.parse(trained.stdout) as TrainJson;
    const r = await ser('evaluate', '--project', project, '--json');
    const e = JSON.parse(r.stdout) as EvaluateJson;
    expect(e.trainingRun?.id).toBe(run.runId);
    // 3 speakers x 3 labels x 2 clips: one test speaker's 6 clips, not all 18
    expect(e.clips).toBe(run.clips);
    expect(e.clips).toBe(6);
    expect(e.speakers).toBe(1);
    expect([e.accuracy, e.macro_f1, e.uar]).toEqual([run.accuracy, run.macro_f1, run.uar]);
  });

  it('--all-clips scores every clip with the saved model and warns on stderr that it is optimistic', async () => {
    const r = await ser('evaluate', '--project', project, '--all-clips', '--json');
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as EvaluateJson;
    expect(e.scope).toBe('all-clips');
    expect(e.clips).toBe(18);
    expect(r.stderr).toMatch(
      /^WARNING: scored on every project clip, the clips the model trained on included/m,
    );
    expect(r.stderr).toMatch(/these scores are optimistic/);
    expect(r.stderr).toMatch(/held-out scores are the speaker-independent ones \(macro F1 \d\.\d{3}\)/);
    const text = await ser('evaluate', '--project', project, '--all-clips');
    expect(text.stdout).toMatch(/^every project clip, the training clips included: OPTIMISTIC/);
    expect(text.stderr).toMatch(/^WARNING: /m);
    // the saved model's parts scored on these clips, not the run's folds
    expect(text.stdout).toMatch(/^same clips, side by side/m);
    expect(text.stdout).not.toMatch(/same folds/);
  });

  it('prints confusion tables whose counts sit under their labels', async () => {
    const trained = await ser('train', '--project', project, ...QUICK, '--split', 'random');
    expect(trained.code).toBe(0);
    for (const output of [trained.stdout, looseText]) {
      const { header, rows } = confusionBlock(output, LABELS);
      const columns = cellEnds(header, LABELS.length);
      expect(header.trim().split(/\s+/).slice(-3)).toEqual(LABELS);
      rows.forEach((row, i) => {
        expect(row.startsWith(LABELS[i])).toBe(true);
        expect(cellEnds(row, LABELS.length)).toEqual(columns);
      });
    }
  });

  it('warns that 2 clips of 2 speakers give no meaningful score (the default split)', async () => {
    const two = path.join(root, 'two');
    fs.mkdirSync(two);
    fs.writeFileSync(path.join(two, '03a01Fa.wav'), toneWav(220, 1));
    fs.writeFileSync(path.join(two, '08a01Ta.wav'), toneWav(330, 1));
    const twoProject = path.join(root, 'two-project');
    expect((await ser('import', two, '--project', twoProject)).code).toBe(0);
    const trained = await ser('train', '--project', twoProject, ...QUICK, '--json');
    expect(trained.code).toBe(0);
    const run = JSON.parse(trained.stdout) as TrainJson & { warnings: string[] };
    expect(run.warnings).toContainEqual(
      expect.stringMatching(/^only 2 speakers: .*says little about voices/),
    );
  });
});
