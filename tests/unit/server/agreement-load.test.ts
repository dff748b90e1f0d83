/**
 * Agreement of 1,000 annotators on 83 clips (each clip labelled by all of them: half a million pairs of
 * annotators) while the server goes on answering. The time it takes is bench/agreement.ts's to measure.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../../src/common/contract.js';
import { MAX_PAIRS } from '../../../src/core/agreement/agreement.js';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { fillWithAnnotators } from '../../support/many-annotators.js';
import { startHarness, type Harness } from './harness.js';

const ANNOTATORS = 1000;
const CLIPS = 83;

describe('agreement of 1,000 annotators', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const project = openProject(h.projectDir);
    try {
      fillWithAnnotators(project.db, ANNOTATORS, CLIPS);
    } finally {
      project.close();
    }
  });
  afterAll(async () => {
    await h.close();
  });

  it('leaves the server answering other requests meanwhile, with progress, and lists the most shared pairs', async () => {
    const progress: number[] = [];
    const off = h.service.on('agreement.progress', (p) => progress.push(p.share));
    const answered: string[] = [];
    const agreement = h.rpc('agreement.get').then((r) => {
      answered.push('agreement.get');
      return r;
    });
    // Asked once the computation is under way: answered before it ends, not after.
    await new Promise((resolve) => h.service.on('agreement.progress', resolve));
    const info = await h.rpc('project.info');
    answered.push('project.info');
    const { status, body } = await agreement;
    off();
    expect(info.status).toBe(200);
    expect(answered).toEqual(['project.info', 'agreement.get']);
    expect(status).toBe(200);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const r = body.result as AgreementReport;
    expect(r.annotators).toHaveLength(ANNOTATORS);
    expect(r).toMatchObject({ method: 'fleiss', kappaClips: CLIPS, clipsCompared: CLIPS });
    expect(r.kappa).toBeGreaterThan(0.3);
    expect(r.pairs).toHaveLength(MAX_PAIRS);
    expect(r.pairsLeftOut).toBe((ANNOTATORS * (ANNOTATORS - 1)) / 2 - MAX_PAIRS);
    expect(r.pairs.every((p) => p.clips === CLIPS)).toBe(true);
  }, 120_000);

  it('ser stats --agreement finishes on the same project', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.resolve('bin/ser.js'), 'stats', '--agreement', '--project', h.projectDir],
      { maxBuffer: 1 << 26 },
    );
    expect(stdout).toMatch(/Fleiss’ kappa: 0\.\d{3} .* on 83 clips labelled by every annotator/);
    expect(stdout).toContain(
      `(the ${MAX_PAIRS} pairs with the most clips in common; 499000 more pairs are not listed)`,
    );
  }, 120_000);
});
