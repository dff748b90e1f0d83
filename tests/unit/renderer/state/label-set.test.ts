import { describe, expect, it, vi } from 'vitest';
import { fakeClient, settle } from './fake-client.js';
import {
  labelList,
  labelSetOffer,
  labelsFound,
  leftOut,
} from '../../../../src/renderer/lib/state/label-set.svelte.js';

/** EmoDB with its seven emotions, as the engine counts clips per label. */
const EMODB = { angry: 127, boredom: 81, disgust: 46, fear: 69, happy: 71, neutral: 79, sad: 62 };

describe('the label set from the data', () => {
  it('finds the labels in the studio’s order and counts what a label set leaves out', () => {
    // the studio's order (happy, sad, neutral, calm, angry, boredom, disgust, fear, surprise): the keys 1-9
    expect(labelsFound({ ...EMODB, '': 4 })).toEqual([
      'happy',
      'sad',
      'neutral',
      'angry',
      'boredom',
      'disgust',
      'fear',
    ]);
    const out = leftOut({ ...EMODB, null: 9 }, ['happy', 'sad', 'neutral']);
    expect(out.clips).toBe(127 + 81 + 46 + 69);
    // most first; unlabelled clips are never "left out": they are there to be labelled
    expect(out.perLabel).toEqual([
      ['angry', 127],
      ['boredom', 81],
      ['fear', 69],
      ['disgust', 46],
    ]);
    expect(leftOut(EMODB, Object.keys(EMODB)).clips).toBe(0);
  });

  it('offers the labels an import found only where they differ from the set, and only two or more', () => {
    expect(labelSetOffer(EMODB, ['happy', 'sad', 'neutral'])).toHaveLength(7);
    expect(labelSetOffer({ sad: 3, happy: 2, neutral: 1 }, ['neutral', 'happy', 'sad'])).toBeNull();
    expect(labelSetOffer({ angry: 3 }, ['happy', 'sad'])).toBeNull();
    expect(labelSetOffer({ angry: 3, happy: 1, '': 5 }, ['happy', 'sad'])).toEqual(['happy', 'angry']);
    expect(labelList(['happy', 'sad', 'neutral'])).toBe('happy, sad and neutral');
    expect(labelList(['happy', 'sad'])).toBe('happy and sad');
  });

  it('changes the label set only when asked, and Undo puts the one before back', async () => {
    vi.resetModules();
    const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
    const { labelSet } = await import('../../../../src/renderer/lib/state/label-set.svelte.js');
    let labels = ['happy', 'sad', 'neutral'];
    const fake = fakeClient({
      'project.info': () => ({ labels, stats: { clips: 535, perLabel: EMODB } }),
      'labels.set': (p: { labels: string[] }) => {
        if (p.labels.includes('boredom') && p.labels.length === 2) throw new Error('refused');
        labels = p.labels;
        return { labels };
      },
    });
    studio.connect(fake.client);
    await settle();
    expect(labelSet.leftOut.clips).toBe(323);
    expect(labelSet.previous).toBeNull();

    // in the studio's order whatever order it is given in
    expect(await labelSet.apply(['sad', 'angry', 'happy', 'neutral', 'fear', 'boredom', 'disgust'])).toBe(
      true,
    );
    expect(fake.sent('labels.set')).toEqual([
      { labels: ['happy', 'sad', 'neutral', 'angry', 'boredom', 'disgust', 'fear'] },
    ]);
    expect(studio.labels).toHaveLength(7);
    expect(labelSet.leftOut.clips).toBe(0);
    expect(labelSet.previous).toEqual(['happy', 'sad', 'neutral']);
    expect(studio.notice).toContain('Label set: happy, sad, neutral, angry, boredom, disgust and fear');

    await labelSet.undo();
    expect(fake.sent('labels.set').at(-1)).toEqual({ labels: ['happy', 'sad', 'neutral'] });
    expect(studio.labels).toEqual(['happy', 'sad', 'neutral']);
    expect(labelSet.previous).toBeNull();
    expect(labelSet.leftOut.clips).toBe(323);

    // the same set again is no change: nothing sent, nothing to undo
    const before = fake.sent('labels.set').length;
    expect(await labelSet.apply(['neutral', 'sad', 'happy'])).toBe(true);
    expect(fake.sent('labels.set')).toHaveLength(before);
    expect(labelSet.previous).toBeNull();

    // a refusal says why and changes nothing
    expect(await labelSet.apply(['angry', 'boredom'])).toBe(false);
    expect(labelSet.error).toBe('refused');
    expect(studio.labels).toEqual(['happy', 'sad', 'neutral']);
    expect(labelSet.previous).toBeNull();
  });
});
