import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../../src/common/contract.js';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { writeClip } from './fixtures.js';
import { cleanup, tempDir } from './helpers.js';

afterAll(cleanup);

const SER = path.resolve('bin/ser.js');

async function ser(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [SER, ...args], { maxBuffer: 1 << 24 });
  return stdout;
}

describe('ser stats --agreement', () => {
  it('prints kappa, per class, per pair and the pairwise table of two annotators', async () => {
    const data = tempDir();
    // EmoDB names: 03 and 08 speak happy (F), sad (T), neutral (N).
    const names = ['03a01Fa', '03a01Ta', '03a01Na', '08a01Fa', '08a01Ta', '08a01Na'];
    names.forEach((n, i) => writeClip(path.join(data, `${n}.wav`), i + 1));
    const project = path.join(tempDir(), 'p');
    await ser('import', data, '--project', project);
    // Ann labels as acted; Bob hears one happy clip as neutral: 5 of 6 agree.
    const acted = ['happy', 'sad', 'neutral', 'happy', 'sad', 'neutral'];
    // One label through the CLI's --annotator, the rest directly (each `ser` start costs seconds).
    const first = path.join(data, `${names[0]}.wav`);
    expect(await ser('relabel', first, 'happy', '--annotator', 'Ann', '--project', project)).toContain(
      "Ann says happy; the clip's label is happy",
    );
    const p = openProject(project);
    try {
      for (const [i, n] of names.entries()) {
        const clip = p.clips.getByPath(path.join(data, `${n}.wav`))!;
        p.labels.relabel([clip.id], acted[i], { annotator: 'Ann' });
        p.labels.relabel([clip.id], i === 0 ? 'neutral' : acted[i], { annotator: 'Bob' });
      }
    } finally {
      p.close();
    }
    const text = await ser('stats', '--agreement', '--project', project);
    // po = 5/6; Ann h2 s2 n2, Bob h1 s2 n3: pe = (2*1 + 2*2 + 2*3) / 36 = 1/3; kappa = (5/6 - 1/3) / (2/3) = 0.75
    expect(text).toContain('Annotators: Ann (6 clips), Bob (6 clips)');
    expect(text).toMatch(/Cohen’s kappa: 0\.750 \(substantial\) on 6 clips/);
    expect(text).toMatch(/Observed agreement \(pairs of annotators\): 0\.833/);
    expect(text).toMatch(/Ann \/ Bob\s+6\s+0\.833\s+0\.750/);
    expect(text).toMatch(
      /Ann \(rows\) against Bob \(columns\)\n\s+happy\s+sad\s+neutral\nhappy\s+1\s+0\s+1\n/,
    );
    expect(text).toMatch(/Acted against perceived: 6 clips, 12 labels; agreement 0\.917/);
    const json = JSON.parse(
      await ser('stats', '--agreement', '--json', '--project', project),
    ) as AgreementReport;
    expect(json.kappa).toBeCloseTo(0.75, 12);
    expect(json.perClass.find((c) => c.label === 'sad')!.kappa).toBe(1);
  }, 60_000);
});
