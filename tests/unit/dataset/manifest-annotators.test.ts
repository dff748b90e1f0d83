import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportManifest } from '../../../src/core/dataset/node/export-manifest.js';
import { importSource } from '../../../src/core/dataset/node/importer.js';
import { parseManifest } from '../../../src/core/dataset/node/manifest.js';
import type { Project } from '../../../src/core/dataset/node/project.js';
import { writeClip } from './fixtures.js';
import { cleanupAfterEach, newProject, tempDir } from './helpers.js';

cleanupAfterEach();

const byFile = (p: Project) =>
  Object.fromEntries(
    p.clips.list().map((c) => [
      path.basename(c.path),
      {
        label: c.label,
        annotations: p.annotations.of(c.id),
        intended: (
          p.db.prepare('SELECT intended_label AS i FROM clips WHERE id = ?').get(c.id) as { i: string | null }
        ).i,
      },
    ]),
  );

describe('manifest export and import keep every annotator’s label', () => {
  it('reads label:<name> columns and the intended column', () => {
    const m = parseManifest('file,label,intended,label:Ann,label:Bob\na.wav,sad,happy,sad,\n', '/d');
    expect(m.get('/d/a.wav')).toMatchObject({ label: 'sad', intended: 'happy', annotations: { Ann: 'sad' } });
  });

  it('export then import into a new project restores each annotator’s label and the acted emotion', async () => {
    const dir = tempDir();
    // EmoDB-named files: the convention gives the label and the acted emotion.
    for (const [i, name] of ['03a01Fa.wav', '03a01Ta.wav', '08a02Na.wav'].entries())
      writeClip(path.join(dir, 'audio', name), i + 1);
    const p = newProject(path.join(dir, 'p1'));
    await importSource(p, path.join(dir, 'audio'));
    const [h, s, n] = p.clips.list({}, { sort: 'path' }).map((c) => c.id);
    p.labels.relabel([h, s], 'happy', { annotator: 'Ann' });
    p.labels.relabel([h], 'sad', { annotator: 'Bob, "the second"' }); // a name that needs quoting
    p.labels.relabel([s, n], 'neutral', { annotator: 'Bob, "the second"' });
    const before = byFile(p);
    expect(before['03a01Fa.wav']).toEqual({
      label: 'happy', // Ann happy, Bob sad: a tie, and 'flag' keeps the label
      intended: 'happy',
      annotations: [
        { annotator: 'Ann', label: 'happy' },
        { annotator: 'Bob, "the second"', label: 'sad' },
      ],
    });

    const out = path.join(dir, 'exported', 'manifest.csv');
    fs.mkdirSync(path.dirname(out));
    const text = exportManifest(p, { relativeTo: path.dirname(out) });
    expect(text.split('\n')[0]).toBe(
      'file,label,speaker,split,sha256,intended,label:Ann,"label:Bob, ""the second"""',
    );
    fs.writeFileSync(out, text);

    const p2 = newProject(path.join(dir, 'p2'));
    const summary = await importSource(p2, out);
    expect(summary.added).toBe(3);
    expect(byFile(p2)).toEqual(before);
    expect(p2.annotations.annotators()).toEqual(['Ann', 'Bob, "the second"']);
    // A second import of the same manifest changes nothing.
    await importSource(p2, out);
    expect(byFile(p2)).toEqual(before);
  });

  it('annotator columns set the training label by their majority, whatever the row’s own label says', async () => {
    const dir = tempDir();
    for (const [i, name] of ['clip1.wav', 'clip2.wav', 'clip3.wav', 'clip4.wav'].entries())
      writeClip(path.join(dir, name), i + 1);
    const p = newProject(path.join(dir, 'p'));
    // clip4 first comes in plain, labelled happy; its annotators arrive with the second manifest.
    fs.writeFileSync(path.join(dir, 'first.csv'), 'file,label,speaker\nclip4.wav,happy,s2\n');
    await importSource(p, path.join(dir, 'first.csv'));
    fs.writeFileSync(
      path.join(dir, 'manifest.csv'),
      [
        'file,label,speaker,label:Hana,label:Ivo,label:Jo',
        'clip1.wav,,s1,sad,sad,', // no label of its own: the annotators give it
        'clip2.wav,happy,s1,sad,sad,sad', // three annotators against the row
        'clip3.wav,happy,s1,sad,neutral,', // a tie: the tie rule (flag) keeps the row's label
        'clip4.wav,happy,s2,sad,sad,happy',
      ].join('\n') + '\n',
    );
    await importSource(p, path.join(dir, 'manifest.csv'));
    const got = byFile(p);
    expect(got['clip1.wav'].label).toBe('sad');
    expect(got['clip2.wav'].label).toBe('sad');
    expect(got['clip3.wav'].label).toBe('happy');
    expect(p.annotations.tied(p.clips.getByPath(path.join(dir, 'clip3.wav'))!.id)).toBe(true);
    const clip4 = p.clips.getByPath(path.join(dir, 'clip4.wav'))!;
    expect(clip4).toMatchObject({ label: 'sad', labelSource: 'manifest' });
    expect(p.labels.history(clip4.id).map((e) => [e.source, e.oldLabel, e.newLabel])).toEqual([
      ['import', null, 'happy'],
      ['import', 'happy', 'sad'],
    ]);
    // Under the exclude rule a tie leaves the clip out of training.
    p.annotations.setTieRule({ rule: 'exclude', adjudicator: null });
    expect(byFile(p)['clip3.wav'].label).toBeNull();
  });

  it('a project without annotators exports the five plain columns', async () => {
    const dir = tempDir();
    writeClip(path.join(dir, 'happy', 'x.wav'), 1);
    const p = newProject(path.join(dir, 'p'));
    await importSource(p, dir);
    expect(exportManifest(p).split('\n')[0]).toBe('file,label,speaker,split,sha256');
  });
});
