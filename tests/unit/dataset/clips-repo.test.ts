import { beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../../src/core/dataset/node/project.js';
import { cleanupAfterEach, fakeClip, newProject, NOW } from './helpers.js';

cleanupAfterEach();

describe('clips repository', () => {
  let p: Project;
  const ids: Record<string, number> = {};

  beforeEach(() => {
    p = newProject();
    const rows = [
      { path: '/d/alice/a1.wav', speaker: 'alice', label: 'happy', durationS: 3, split: 'train' as const },
      { path: '/d/alice/a2.wav', speaker: 'alice', label: 'sad', durationS: 1 },
      { path: '/d/bob/b1.wav', speaker: 'bob', label: 'happy', durationS: 2, split: 'test' as const },
      { path: '/d/bob/b_2%.wav', speaker: 'bob', label: null, durationS: 4 },
      { path: '/d/carol/c1.wav', speaker: 'carol', label: 'angry', durationS: 5 },
    ];
    for (const r of rows) ids[r.path] = p.clips.insert(fakeClip(r), NOW);
    ids.bad = p.clips.insert(
      fakeClip({
        path: '/d/bad.wav',
        status: 'rejected',
        reason: 'empty file',
        durationS: null,
        label: 'sad',
      }),
      NOW,
    );
  });

  it('filters by label, speaker, status, unlabelled, label set, ids and text', () => {
    const paths = (q: Parameters<typeof p.clips.list>[0], labelSet?: string[]): string[] =>
      p.clips.list(q, {}, labelSet).map((c) => c.path);
    expect(paths({ label: 'happy' })).toEqual(['/d/alice/a1.wav', '/d/bob/b1.wav']);
    expect(paths({ inLabelSet: true, status: 'ok' }, ['sad', 'angry'])).toEqual([
      '/d/alice/a2.wav',
      '/d/bob/b_2%.wav',
      '/d/carol/c1.wav',
    ]);
    expect(paths({ speaker: 'bob' })).toEqual(['/d/bob/b1.wav', '/d/bob/b_2%.wav']);
    expect(paths({ status: 'rejected' })).toEqual(['/d/bad.wav']);
    expect(paths({ unlabelled: true })).toEqual(['/d/bob/b_2%.wav']);
    expect(p.clips.count({ unlabelled: false, status: 'ok' })).toBe(4);
    expect(p.clips.count({ inLabelSet: false }, ['sad'])).toBe(3);
    expect(paths({ ids: [ids.bad, ids['/d/carol/c1.wav']] })).toEqual(['/d/carol/c1.wav', '/d/bad.wav']);
    expect(paths({ search: 'ALICE' })).toEqual(['/d/alice/a1.wav', '/d/alice/a2.wav']);
    // LIKE wildcards in the search text are literal.
    expect(paths({ search: '_2%' })).toEqual(['/d/bob/b_2%.wav']);
    expect(paths({ search: '%' })).toEqual(['/d/bob/b_2%.wav']);
    // the file's name only: neither its folders nor its extension
    expect(paths({ search: 'wav' })).toEqual([]);
    expect(paths({ search: '/d' })).toEqual([]);
    expect(paths({ search: 'c1' })).toEqual(['/d/carol/c1.wav']);
    // a name typed whole, extension and all, still finds its file
    expect(paths({ search: 'c1.wav' })).toEqual(['/d/carol/c1.wav']);
    expect(paths({ search: '.wav' })).toHaveLength(6);
    expect(paths({ ids: [] })).toEqual([]);
  });

  it('sorts and pages', () => {
    const byDuration = p.clips
      .list({ status: 'ok' }, { sort: 'duration', desc: true })
      .map((c) => c.durationS);
    expect(byDuration).toEqual([5, 4, 3, 2, 1]);
    const page = p.clips.list({ status: 'ok' }, { sort: 'path', limit: 2, offset: 1 }).map((c) => c.path);
    expect(page).toEqual(['/d/alice/a2.wav', '/d/bob/b1.wav']);
    expect(p.clips.list({}, { desc: true }).map((c) => c.id)).toEqual(
      Object.values(ids).sort((a, b) => b - a),
    );
    expect(() => p.clips.list({}, { sort: 'nope' as 'path' })).toThrow(/unknown sort key/);
  });

  it('maps rows to typed clips', () => {
    const c = p.clips.getByPath('/d/alice/a1.wav')!;
    expect(c).toMatchObject({
      id: ids['/d/alice/a1.wav'],
      speaker: 'alice',
      label: 'happy',
      split: 'train',
      status: 'ok',
    });
    expect(c.importedAt).toBe(NOW);
    expect(p.clips.get(c.id)).toEqual(c);
    expect(p.clips.getBySha256(c.sha256!)).toEqual(c);
    expect(p.clips.get(99999)).toBeUndefined();
  });

  it('computes stats over good clips', () => {
    expect(p.clips.stats()).toEqual({
      total: 6,
      perStatus: { ok: 5, rejected: 1 },
      perLabel: { happy: 2, angry: 1, sad: 1 },
      perSpeaker: { alice: 2, bob: 2, carol: 1 },
      perSplit: { none: 3, test: 1, train: 1 },
      unlabelled: 1,
      durationS: 15,
    });
  });

  it('lists the labelled clips of a label set, in content-hash order whatever order they were imported in', () => {
    const listed = p.clips.labelled(['happy', 'sad']);
    expect(listed.map((c) => [c.speaker, c.label]).sort()).toEqual([
      ['alice', 'happy'],
      ['alice', 'sad'],
      ['bob', 'happy'],
    ]);
    const hashes = listed.map((c) => c.sha256);
    expect(hashes).toEqual([...hashes].sort());
    // Re-inserted in the reverse order (new ids), the same clips come back in the same order.
    const again = newProject();
    for (const c of [...listed].reverse())
      again.clips.insert(
        fakeClip({ path: c.path, sha256: c.sha256, speaker: c.speaker, label: c.label }),
        NOW,
      );
    const relisted = again.clips.labelled(['happy', 'sad']);
    expect(relisted.map((c) => c.id)).not.toEqual(listed.map((c) => c.id));
    expect(relisted.map((c) => c.sha256)).toEqual(hashes);
  });

  it('fingerprints the data a run uses: content and labels, not paths or order', () => {
    const f1 = p.datasetFingerprint(['happy', 'sad']);
    expect(f1).toMatch(/^[0-9a-f]{64}$/);
    expect(p.datasetFingerprint(['sad', 'happy'])).toBe(f1);
    p.clips.setPath(ids['/d/alice/a1.wav'], '/elsewhere/a1.wav', NOW);
    expect(p.datasetFingerprint(['happy', 'sad'])).toBe(f1);
    // Clips outside the set don't count; relabelling one into it does.
    p.labels.relabel([ids['/d/carol/c1.wav']], 'angry');
    expect(p.datasetFingerprint(['happy', 'sad'])).toBe(f1);
    p.labels.relabel([ids['/d/carol/c1.wav']], 'sad');
    const f2 = p.datasetFingerprint(['happy', 'sad']);
    expect(f2).not.toBe(f1);
    p.labels.undo();
    expect(p.datasetFingerprint(['happy', 'sad'])).toBe(f1);
  });

  it('answers a filtered, sorted page of 50,000 clips from indexes', () => {
    const speakers = Array.from({ length: 40 }, (_, i) => `spk${i}`);
    const labels = ['happy', 'sad', 'neutral', 'angry', null];
    p.transaction(() => {
      for (let i = 0; i < 50_000; i++) {
        p.clips.insert(
          fakeClip({
            path: `/big/${speakers[i % 40]}/clip${i}.wav`,
            speaker: speakers[i % 40],
            label: labels[i % 5],
            durationS: (i % 97) / 10,
          }),
          NOW,
        );
      }
    });
    expect(p.clips.count({ status: 'ok', label: 'sad' })).toBe(10_001);
    const page = p.clips.list({ status: 'ok', label: 'sad' }, { sort: 'path', limit: 50, offset: 5000 });
    expect(page).toHaveLength(50);
    expect(page.every((c) => c.label === 'sad')).toBe(true);
    expect([...page.map((c) => c.path)].sort()).toEqual(page.map((c) => c.path));
    const plan = (sql: string): string =>
      (p.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('; ');
    expect(plan("SELECT count(*) FROM clips WHERE status = 'ok' AND label = 'sad'")).toMatch(
      /USING (COVERING )?INDEX/,
    );
    expect(plan("SELECT * FROM clips WHERE speaker = 'spk3'")).toMatch(/USING INDEX/);
    expect(plan('SELECT * FROM clips ORDER BY path LIMIT 50')).toMatch(/USING INDEX/);
  });
});
