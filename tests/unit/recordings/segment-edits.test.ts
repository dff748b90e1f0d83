/**
 * Editing a recording's segments: resize, split, merge, add and delete each make or change clips (files,
 * durations, stretches), refuse what would overlap or be too short, are recorded in the label history and are
 * undone as one step each, back to the segments imported; `ser segments` exports and imports them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { importSource } from '../../../src/core/dataset/node/importer.js';
import type { Project } from '../../../src/core/dataset/node/project.js';
import { editSegments, SegmentEditError } from '../../../src/core/recordings/node/segment-edits.js';
import { exportSegments } from '../../../src/core/recordings/node/interchange-io.js';
import { burstsWav } from '../../support/long-recording.js';
import { cleanupAfterEach, newProject, tempDir } from '../dataset/helpers.js';

cleanupAfterEach();

const SER = path.resolve('bin/ser.js');
const BURSTS: Array<[number, number]> = [
  [2, 4.5],
  [6, 7],
  [9.5, 13],
  [20, 22.5],
];

let project: Project;
let dir: string;
const spans = () => project.recordings.segments(1).map((s) => [s.startS, s.endS, s.label]);

beforeEach(async () => {
  dir = tempDir();
  burstsWav(path.join(dir, 'in', 'talk.wav'), 35, BURSTS);
  project = newProject(path.join(dir, 'project'));
  await importSource(project, path.join(dir, 'in'), { segment: 'auto' });
});

describe('segment edits', () => {
  it('resize, split, merge, add and delete; each undone as one step, back to the import', () => {
    const imported = spans();
    expect(imported).toHaveLength(4);
    const [a, b, c] = project.recordings.segments(1);
    project.labels.relabel([a.clipId], 'happy');

    const resized = editSegments(project, { kind: 'resize', clipId: a.clipId, startS: 1.8, endS: 4.75 });
    expect(resized.clipIds).toEqual([a.clipId]);
    const clip = project.clips.get(a.clipId)!;
    expect(clip.durationS).toBeCloseTo(2.95, 3);
    expect(fs.existsSync(clip.path)).toBe(true);

    const split = editSegments(project, { kind: 'split', clipId: a.clipId, atS: 3.2 });
    expect(split.clipIds).toHaveLength(2);
    // both halves keep the label
    expect(spans().slice(0, 2)).toEqual([
      [1.8, 3.2, 'happy'],
      [3.2, 4.75, 'happy'],
    ]);

    editSegments(project, { kind: 'merge', clipId: b.clipId, withClipId: c.clipId });
    expect(spans()[2]).toEqual([b.startS, c.endS, null]);
    expect(project.clips.get(c.clipId)).toMatchObject({ status: 'rejected', rejectCode: 'removed' });

    const added = editSegments(project, {
      kind: 'add',
      recordingId: 1,
      startS: 25,
      endS: 26.5,
      label: 'sad',
    });
    expect(project.clips.get(added.clipIds[0])).toMatchObject({
      label: 'sad',
      labelSource: 'user',
      speaker: 'recording:talk',
    });
    editSegments(project, { kind: 'delete', clipId: added.clipIds[0] });
    expect(spans()).toHaveLength(4);

    // the history of the first clip tells what happened to it
    const history = project.labels.history(a.clipId).filter((e) => e.source === 'segment');
    expect(
      history.map((e) => [e.segment?.before?.startS, e.segment?.after?.startS, e.segment?.after?.endS]),
    ).toEqual([
      [a.startS, 1.8, 4.75],
      [1.8, 1.8, 3.2],
    ]);

    // five undos: delete, add, merge, split, resize; then the relabel
    for (let i = 0; i < 5; i++) expect(project.labels.undo().undone?.source).toBe('segment');
    expect(spans()).toEqual(imported.map(([s, e], i) => [s, e, i === 0 ? 'happy' : null]));
    expect(project.labels.undo().undone?.source).toBe('user');
    expect(spans()).toEqual(imported);
    // every segment is a readable clip again
    for (const s of project.recordings.segments(1))
      expect(fs.existsSync(project.clips.get(s.clipId)!.path)).toBe(true);
  });

  it('refuses overlaps, segments too short, split points outside, and merges over another segment', () => {
    const [a, b, c] = project.recordings.segments(1);
    expect(() =>
      editSegments(project, { kind: 'resize', clipId: a.clipId, startS: 2, endS: b.startS + 0.2 }),
    ).toThrow(/may not overlap/);
    expect(() => editSegments(project, { kind: 'add', recordingId: 1, startS: 15, endS: 15.05 })).toThrow(
      /at least 100 ms/,
    );
    expect(() => editSegments(project, { kind: 'split', clipId: a.clipId, atS: 5 })).toThrow(
      /not inside the segment/,
    );
    expect(() => editSegments(project, { kind: 'merge', clipId: a.clipId, withClipId: c.clipId })).toThrow(
      /others lie between/,
    );
    expect(() => editSegments(project, { kind: 'delete', clipId: 999 })).toThrow(SegmentEditError);
    // nothing changed, nothing to undo
    expect(spans()).toHaveLength(4);
    expect(project.labels.canUndo()).toBe(false);
  });
});

describe('ser segments', () => {
  async function ser(...args: string[]): Promise<string> {
    const { stdout } = await promisify(execFile)(process.execPath, [
      SER,
      ...args,
      '--project',
      path.join(dir, 'project'),
    ]);
    return stdout;
  }

  it('ser import states the threshold and takes --min-silence and --max-segment', async () => {
    const other = path.join(dir, 'other');
    burstsWav(path.join(other, 'panel.wav'), 40, [
      [2, 4],
      [5, 7],
      [10, 22],
    ]);
    project.close();
    const out = await ser('import', other, '--min-silence', '1.5', '--max-segment', '8');
    expect(out).toMatch(
      /Long recordings \(over 30 s\), split into utterances \(1\):\n.*panel\.wav: recording 2, 40\.0 s, \d+ segments/,
    );
    // the first two bursts are one utterance (a 1 s pause), the 12 s one is cut into pieces of at most 8 s
    const list = JSON.parse(await ser('segments', 'list', '2', '--json')) as Array<{
      start: number;
      end: number;
    }>;
    expect(list[0].start).toBeCloseTo(1.95, 1);
    expect(list[0].end).toBeGreaterThan(6.9);
    const pieces = list.slice(1);
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    for (const s of pieces) expect(s.end - s.start).toBeLessThanOrEqual(8);
    // the pieces cover the long burst end to end
    expect(pieces[0].start).toBeCloseTo(9.95, 1);
    expect(pieces.at(-1)!.end).toBeCloseTo(22.05, 1);
    pieces.slice(1).forEach((s, i) => expect(s.start).toBe(pieces[i].end));
  }, 60_000);

  it('exports a TextGrid, imports an edited one back as one undoable step', async () => {
    project.labels.relabel([project.recordings.segments(1)[1].clipId], 'sad');
    const exported = exportSegments(project, 1, 'textgrid');
    project.close();
    expect(await ser('segments', 'export', '1', '--format', 'textgrid')).toBe(exported);

    const edited = exported.replace(/text = "unlabelled"/, 'text = "happy"');
    const file = path.join(dir, 'edited.TextGrid');
    fs.writeFileSync(file, edited);
    expect(await ser('segments', 'import', '1', file)).toMatch(
      /4 segments from tier "emotion" .* 2 labelled/,
    );
    const out = path.join(dir, 'again.TextGrid');
    await ser('segments', 'export', '1', '--out', out);
    expect(fs.readFileSync(out, 'utf8')).toBe(edited);
    expect(await ser('undo')).toMatch(/Undid a segment edit of 8 clips/);
    expect(await ser('segments', 'export', '1')).toBe(exported);
  }, 60_000);
});
