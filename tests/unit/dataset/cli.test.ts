import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { writeClip } from './fixtures.js';
import { cleanup, tempDir } from './helpers.js';

afterAll(cleanup);

const SER = path.resolve('bin/ser.js');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function ser(...args: string[]): Promise<Result> {
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

describe('ser dataset commands', () => {
  it('import, stats, relabel, undo, labels and export-manifest work together', async () => {
    const data = tempDir();
    writeClip(path.join(data, 'happy', 'h1.wav'), 1);
    writeClip(path.join(data, 'happy', 'h2.wav'), 2);
    writeClip(path.join(data, 'sad', 's1.wav'), 3);
    fs.writeFileSync(path.join(data, 'sad', 'broken.wav'), 'not audio at all');
    const project = path.join(tempDir(), 'p');

    const imp = await ser('import', data, '--project', project);
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/3 added/);
    expect(imp.stdout).toMatch(/happy\s+2/);
    expect(imp.stdout).toMatch(/broken\.wav\n\s+not-audio: /);

    const stats = await ser('stats', '--project', project);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/3 clips .*1 rejected file,/);

    const h1 = path.join(data, 'happy', 'h1.wav');
    const rel = await ser('relabel', h1, 'angry', '--project', project);
    expect(rel.code).toBe(0);
    expect(rel.stdout).toContain(`${h1}: happy -> angry (note: angry is not in the label set`);
    const id = openProject(project).clips.getByPath(path.join(data, 'sad', 's1.wav'))!.id;
    expect((await ser('relabel', String(id), 'neutral', '--project', project)).stdout).toMatch(
      /sad -> neutral/,
    );

    const bad = await ser('relabel', h1, 'contempt', '--project', project);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown label "contempt": use one of happy, sad, neutral/);
    const missing = await ser('relabel', '/nowhere.wav', 'sad', '--project', project);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no clip "\/nowhere.wav"/);

    const undo1 = await ser('undo', '--project', project);
    expect(undo1.stdout).toMatch(/s1\.wav: neutral -> sad/);
    const undo2 = await ser('undo', '--project', project);
    expect(undo2.stdout).toMatch(/h1\.wav: angry -> happy/);
    expect((await ser('undo', '--project', project)).stdout).toMatch(/Nothing to undo/);

    const setLabels = await ser('labels', '--set', 'happy,sad,neutral,anger', '--project', project, '--json');
    expect(JSON.parse(setLabels.stdout)).toMatchObject({
      labelSet: ['happy', 'sad', 'neutral', 'angry'],
      inLabelSet: 3,
    });
    const shown = await ser('labels', '--project', project);
    expect(shown.stdout).toMatch(/Label set: happy, sad, neutral, angry/);
    expect((await ser('labels', '--set', 'happy', '--project', project)).stderr).toMatch(/at least two/);

    // Round trip: the exported manifest, imported into a new project, gives the same labels.
    const out = path.join(data, 'exported.csv');
    expect((await ser('export-manifest', '--project', project, '--out', out, '--relative')).code).toBe(0);
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv.split('\n')[0]).toBe('file,label,speaker,split,sha256');
    expect(csv).toContain('happy/h1.wav,happy,');
    const stdoutCsv = await ser('export-manifest', '--project', project);
    expect(stdoutCsv.stdout).toContain(`${h1},happy,`);
    await ser('relabel', h1, 'fear', '--project', project);
    await ser('export-manifest', '--project', project, '--out', out, '--relative');

    const project2 = path.join(tempDir(), 'p2');
    const imp2 = await ser('import', out, '--project', project2, '--json');
    expect(JSON.parse(imp2.stdout)).toMatchObject({ added: 3, rejected: [] });
    const labelsOf = (dir: string): Record<string, string | null> => {
      const p = openProject(dir);
      try {
        return Object.fromEntries(p.clips.list({ status: 'ok' }).map((c) => [c.sha256, c.label]));
      } finally {
        p.close();
      }
    };
    expect(labelsOf(project2)).toEqual(labelsOf(project));
    expect(Object.values(labelsOf(project2)).sort()).toEqual(['fear', 'happy', 'sad']);
  });

  it('fails clearly on a missing project or source', async () => {
    const nowhere = path.join(tempDir(), 'none');
    const stats = await ser('stats', '--project', nowhere);
    expect(stats.code).not.toBe(0);
    expect(stats.stderr).toMatch(/no project in/);
    const imp = await ser('import', path.join(nowhere, 'nothing'), '--project', nowhere, '--json');
    expect(imp.code).not.toBe(0);
    expect(imp.stdout).toBe('');
    expect(imp.stderr).toMatch(/cannot read/);
    const dur = await ser('import', nowhere, '--project', nowhere, '--max-duration', 'abc');
    expect(dur.code).not.toBe(0);
    expect(dur.stderr).toMatch(/--max-duration must be a positive number/);
  });

  it('says how to keep a file rejected as too long', async () => {
    const data = tempDir();
    writeClip(path.join(data, 'long.wav'), 1, 3);
    writeClip(path.join(data, 'short.wav'), 2, 1);
    const project = path.join(tempDir(), 'p');
    const imp = await ser('import', data, '--project', project, '--max-duration', '2');
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/long\.wav\n\s+too-long: too long: .*over the 2\.0 s limit/);
    expect(imp.stdout).toMatch(/again with --max-duration <seconds> keeps longer files/);
    const again = await ser('import', data, '--project', project, '--max-duration', '5');
    expect(again.stdout).toMatch(/1 added/);
    expect(again.stdout).not.toMatch(/--max-duration/);
  });
});
