import { beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../../src/core/dataset/node/project.js';
import { cleanupAfterEach, fakeClip, newProject, NOW } from './helpers.js';

cleanupAfterEach();

describe('several annotators', () => {
  let p: Project;
  let a: number;
  let b: number;
  const label = (id: number): string | null => p.clips.get(id)!.label;

  beforeEach(() => {
    p = newProject();
    a = p.clips.insert(fakeClip({ label: 'happy', labelSource: 'convention' }), NOW);
    b = p.clips.insert(fakeClip({ label: null }), NOW);
  });

  it('keeps each annotator’s label and records the annotator on every event', () => {
    p.labels.relabel([a], 'sad', { annotator: 'Ann' });
    p.labels.relabel([a], 'sad', { annotator: 'Bob' });
    expect(p.annotations.of(a)).toEqual([
      { annotator: 'Ann', label: 'sad' },
      { annotator: 'Bob', label: 'sad' },
    ]);
    expect(label(a)).toBe('sad');
    const history = p.labels.history(a);
    expect(history.map((e) => [e.annotator, e.oldLabel, e.newLabel])).toEqual([
      ['Ann', 'happy', 'sad'],
      ['Bob', 'sad', 'sad'], // Bob's label changed nothing in training, but is still his recorded action
    ]);
    // Saying the same again is no change.
    expect(p.labels.relabel([a], 'sad', { annotator: 'Bob' }).changed).toEqual([]);
  });

  it('one annotator behaves as before annotators: their label is the label', () => {
    p.labels.relabel([b], 'neutral', { annotator: 'Ann' });
    expect(label(b)).toBe('neutral');
    p.labels.relabel([b], 'happy', { annotator: 'Ann' });
    expect(label(b)).toBe('happy');
    p.labels.relabel([b], null, { annotator: 'Ann' });
    expect(label(b)).toBeNull();
    // Unlabelling an imported label nobody annotated unlabels it.
    p.labels.relabel([a], null, { annotator: 'Ann' });
    expect(label(a)).toBeNull();
  });

  it('the majority of three wins; undo restores the annotator’s label and the clip’s', () => {
    p.labels.relabel([b], 'sad', { annotator: 'A' });
    p.labels.relabel([b], 'happy', { annotator: 'B' });
    p.labels.relabel([b], 'happy', { annotator: 'C' });
    expect(label(b)).toBe('happy');
    p.labels.undo();
    expect(p.annotations.of(b).map((x) => x.annotator)).toEqual(['A', 'B']);
    expect(label(b)).toBe('sad'); // A and B tie: 'flag' keeps the label the clip had
    expect(p.annotations.tied(b)).toBe(true);
    p.labels.undo();
    p.labels.undo();
    expect(p.annotations.of(b)).toEqual([]);
    expect(label(b)).toBeNull();
  });

  it('tie rule flag: the label stays and the clip is flagged', () => {
    p.labels.relabel([a], 'happy', { annotator: 'A' });
    p.labels.relabel([a], 'sad', { annotator: 'B' });
    expect(label(a)).toBe('happy');
    expect(p.annotations.tied(a)).toBe(true);
  });

  it('tie rule exclude: a tied clip loses its label; changing the rule re-derives labels as one undoable step', () => {
    p.labels.relabel([a], 'happy', { annotator: 'A' });
    p.labels.relabel([a], 'sad', { annotator: 'B' });
    expect(p.annotations.setTieRule({ rule: 'exclude', adjudicator: null })).toBe(1);
    expect(label(a)).toBeNull();
    expect(p.clips.labelled(['happy', 'sad']).map((c) => c.id)).not.toContain(a);
    // a third annotator breaks the tie
    p.labels.relabel([a], 'sad', { annotator: 'C' });
    expect(label(a)).toBe('sad');
    p.labels.undo();
    expect(label(a)).toBeNull();
  });

  it('tie rule adjudicator: the named annotator’s label wins a tie', () => {
    p.annotations.setTieRule({ rule: 'adjudicator', adjudicator: 'Judge' });
    p.labels.relabel([b], 'happy', { annotator: 'A' });
    p.labels.relabel([b], 'sad', { annotator: 'Judge' });
    expect(label(b)).toBe('sad');
    p.labels.relabel([b], 'happy', { annotator: 'C' });
    expect(label(b)).toBe('happy'); // no tie any more: the majority
    expect(() => p.annotations.setTieRule({ rule: 'adjudicator', adjudicator: null })).toThrow(/adjudicator/);
    expect(p.annotations.tieRule()).toEqual({ rule: 'adjudicator', adjudicator: 'Judge' });
  });

  it('agreement items carry every annotator’s label and the acted emotion', () => {
    p.clips.setIntendedLabel(a, 'happy');
    p.labels.relabel([a], 'sad', { annotator: 'A' });
    p.labels.relabel([a, b], 'happy', { annotator: 'B' });
    expect(p.annotations.agreementItems()).toEqual([
      {
        annotations: [
          { annotator: 'A', label: 'sad' },
          { annotator: 'B', label: 'happy' },
        ],
        intended: 'happy',
      },
      { annotations: [{ annotator: 'B', label: 'happy' }], intended: null },
    ]);
    expect(p.annotations.annotators()).toEqual(['A', 'B']);
  });
});
