import { beforeEach, describe, expect, it } from 'vitest';
import { UnknownLabelError } from '../../../src/core/dataset/labels.js';
import type { Project } from '../../../src/core/dataset/node/project.js';
import { cleanupAfterEach, fakeClip, newProject, NOW } from './helpers.js';

cleanupAfterEach();

describe('relabel, undo and label history', () => {
  let p: Project;
  let a: number;
  let b: number;
  let c: number;
  const label = (id: number): string | null => p.clips.get(id)!.label;

  beforeEach(() => {
    p = newProject();
    a = p.clips.insert(fakeClip({ label: 'happy', labelSource: 'convention' }), NOW);
    b = p.clips.insert(fakeClip({ label: 'sad', labelSource: 'folder' }), NOW);
    c = p.clips.insert(fakeClip({ label: null }), NOW);
  });

  it('relabels one clip with a canonical word or alias and records the change', () => {
    const r = p.labels.relabel([a], 'Anger');
    expect(r.changed).toEqual([{ clipId: a, path: p.clips.get(a)!.path, from: 'happy', to: 'angry' }]);
    expect(r.groupId).toBeTruthy();
    expect(p.clips.get(a)).toMatchObject({ label: 'angry', labelSource: 'user' });
    const [e] = p.labels.history(a);
    expect(e).toMatchObject({
      clipId: a,
      oldLabel: 'happy',
      newLabel: 'angry',
      source: 'user',
      undone: false,
    });
    expect(new Date(e.at).toString()).not.toBe('Invalid Date');
  });

  it('rejects unknown words and missing clips, changing nothing', () => {
    expect(() => p.labels.relabel([a], 'contempt')).toThrow(UnknownLabelError);
    expect(() => p.labels.relabel([a, 12345], 'sad')).toThrow(/no clip with id 12345/);
    expect(label(a)).toBe('happy');
    expect(p.labels.history(a)).toEqual([]);
  });

  it('skips clips that already carry the label', () => {
    const r = p.labels.relabel([a, b], 'sad');
    expect(r.changed.map((x) => x.clipId)).toEqual([a]);
    expect(r.unchanged).toBe(1);
    expect(p.labels.relabel([b], 'sad')).toEqual({
      groupId: null,
      changed: [],
      unchanged: 1,
      annotator: null,
    });
  });

  it('undoes a bulk relabel as one action, then walks further back', () => {
    p.labels.relabel([a], 'neutral');
    const bulk = p.labels.relabel([a, b, c], 'angry');
    expect(p.labels.history(b).at(-1)?.source).toBe('bulk');
    expect([label(a), label(b), label(c)]).toEqual(['angry', 'angry', 'angry']);

    const u1 = p.labels.undo();
    expect(u1.undone).toEqual({ groupId: bulk.groupId, source: 'bulk' });
    expect(u1.changed.map((x) => [x.clipId, x.from, x.to])).toEqual([
      [a, 'angry', 'neutral'],
      [b, 'angry', 'sad'],
      [c, 'angry', null],
    ]);
    expect([label(a), label(b), label(c)]).toEqual(['neutral', 'sad', null]);
    // The label source comes back too.
    expect(p.clips.get(b)!.labelSource).toBe('folder');
    expect(p.clips.get(c)!.labelSource).toBeNull();

    const u2 = p.labels.undo();
    expect(u2.changed.map((x) => [x.clipId, x.from, x.to])).toEqual([[a, 'neutral', 'happy']]);
    expect(p.clips.get(a)).toMatchObject({ label: 'happy', labelSource: 'convention' });

    expect(p.labels.canUndo()).toBe(false);
    expect(p.labels.undo()).toEqual({ changed: [] });
  });

  it('keeps the whole story in the history, undone events marked', () => {
    p.labels.relabel([a], 'sad');
    p.labels.relabel([a], 'fear');
    p.labels.undo();
    const h = p.labels.history(a);
    expect(h.map((e) => [e.source, e.oldLabel, e.newLabel, e.undone])).toEqual([
      ['user', 'happy', 'sad', false],
      ['user', 'sad', 'fear', true],
      ['undo', 'fear', 'sad', false],
    ]);
    // A new action after an undo is itself undoable, and undo then continues with the older one.
    p.labels.relabel([a], 'boredom');
    expect(p.labels.undo().changed[0]).toMatchObject({ from: 'boredom', to: 'sad' });
    expect(p.labels.undo().changed[0]).toMatchObject({ from: 'sad', to: 'happy' });
  });

  it('can mark clips unlabelled', () => {
    p.labels.relabel([a], null);
    expect(p.clips.get(a)).toMatchObject({ label: null, labelSource: null });
    p.labels.undo();
    expect(label(a)).toBe('happy');
  });
});
