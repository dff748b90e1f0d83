import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgreementReport, ClipDetail, ClipPage } from '../../../src/common/contract.js';
import { createStudioService, type StudioService } from '../../../src/core/studio/service.js';
import { makeEmoDbLikeFolder, tempDir } from './fixtures.js';

describe('annotators through the studio service', () => {
  let dir: string;
  let service: StudioService;
  let ids: number[];
  beforeEach(async () => {
    dir = tempDir('annotators');
    service = createStudioService({ projectDir: path.join(dir, 'p'), mode: 'web', log: () => {} });
    const source = path.join(dir, 'corpus');
    makeEmoDbLikeFolder(source, 1);
    const done = new Promise<void>((resolve) => service.on('import.done', () => resolve()));
    await service.handle('import.start', { source });
    await done;
    const page = (await service.handle('clips.list', { sort: 'path' })) as ClipPage;
    ids = page.rows.map((r) => r.id);
  });
  afterEach(async () => {
    await service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const list = async (params: Record<string, unknown>) =>
    ((await service.handle('clips.list', params)) as ClipPage).rows.map((r) => r.id);

  it('the blind filter lists the clips an annotator has not labelled yet', async () => {
    expect(ids).toHaveLength(9);
    await service.handle('clips.relabel', { ids: ids.slice(0, 4), label: 'happy', annotator: 'A' });
    expect(await list({ filter: { notLabelledBy: 'A' }, sort: 'path' })).toEqual(ids.slice(4));
    expect(await list({ filter: { notLabelledBy: 'B' }, sort: 'path' })).toEqual(ids);
  });

  it('the disagreement queue: clips whose annotators differ, most divided first', async () => {
    const [c1, c2, c3] = ids;
    await service.handle('clips.relabel', { ids: [c1, c2, c3], label: 'happy', annotator: 'A' });
    await service.handle('clips.relabel', { ids: [c1, c2, c3], label: 'happy', annotator: 'B' });
    await service.handle('clips.relabel', { ids: [c1], label: 'sad', annotator: 'C' }); // 1 of 3 off
    await service.handle('clips.relabel', { ids: [c2], label: 'sad', annotator: 'C' });
    await service.handle('clips.relabel', { ids: [c2], label: 'neutral', annotator: 'B' }); // 3 different
    const queue = await list({ filter: { annotatorsDisagree: true }, sort: 'divided' });
    expect(queue).toEqual([c2, c1]);
    const page = (await service.handle('clips.list', { filter: { annotatorsDisagree: true } })) as ClipPage;
    expect(page.total).toBe(2);
  });

  it('a clip shows every annotator’s label, the acted emotion and who changed it', async () => {
    const id = ids[0];
    await service.handle('clips.relabel', { ids: [id], label: 'sad', annotator: 'A' });
    await service.handle('clips.relabel', { ids: [id], label: 'neutral', annotator: 'B' });
    const d = (await service.handle('clips.get', { id })) as ClipDetail;
    expect(d.annotations).toEqual([
      { annotator: 'A', label: 'sad' },
      { annotator: 'B', label: 'neutral' },
    ]);
    expect(d.intendedLabel).not.toBeNull(); // named like EmoDB: the convention's label is the acted emotion
    expect(d.tied).toBe(true);
    expect(d.history.map((e) => e.annotator)).toEqual([null, 'A', 'B']);
  });

  it('agreement, and the tie rule changing tied clips’ labels', async () => {
    // A and B agree on 7 of 9.
    for (const [i, id] of ids.entries()) {
      const clip = (await service.handle('clips.get', { id })) as ClipDetail;
      await service.handle('clips.relabel', { ids: [id], label: clip.label, annotator: 'A' });
      const other = i < 2 ? (clip.label === 'sad' ? 'happy' : 'sad') : clip.label;
      await service.handle('clips.relabel', { ids: [id], label: other, annotator: 'B' });
    }
    const r = (await service.handle('agreement.get', {})) as AgreementReport;
    expect(r.method).toBe('cohen');
    expect(r.kappaClips).toBe(9);
    expect(r.observed).toBeCloseTo(7 / 9, 12);
    expect(r.clipsTied).toBe(2);
    expect(r.acted!.perAnnotator.find((x) => x.annotator === 'A')!.observed).toBe(1);
    const result = (await service.handle('agreement.setTieRule', { rule: 'exclude' })) as { changed: number };
    expect(result.changed).toBe(2);
    expect((await service.handle('agreement.get', {})) as AgreementReport).toMatchObject({
      tieRule: { rule: 'exclude', adjudicator: null },
    });
    expect(await list({ filter: { unlabelled: true } })).toHaveLength(2);
    await expect(service.handle('agreement.setTieRule', { rule: 'adjudicator' })).rejects.toMatchObject({
      code: 'bad-request',
    });
  });

  it('in the app, any spelling of a name is the one annotator: relabel, blind pass and tie rule', async () => {
    const [c1, c2, c3] = ids;
    await service.handle('clips.relabel', { ids: [c1], label: 'happy', annotator: 'Ben' });
    await service.handle('clips.relabel', { ids: [c2], label: 'sad', annotator: ' BEN\u200b ' });
    await service.handle('clips.relabel', { ids: [c1], label: 'sad', annotator: 'Ann' });
    const detail = (await service.handle('clips.get', { id: c2 })) as ClipDetail;
    expect(detail.history.at(-1)?.annotator).toBe('Ben');
    expect(await list({ filter: { notLabelledBy: 'ben' }, sort: 'path' })).toEqual(ids.slice(2));
    expect(await list({ filter: { notLabelledBy: 'Cleo' }, sort: 'path' })).toEqual(ids);
    const rule = (await service.handle('agreement.setTieRule', {
      rule: 'adjudicator',
      adjudicator: 'bEn',
    })) as {
      tieRule: { adjudicator: string };
    };
    expect(rule.tieRule.adjudicator).toBe('Ben');
    expect(((await service.handle('clips.get', { id: c1 })) as ClipDetail).label).toBe('happy');
    const r = (await service.handle('agreement.get', {})) as AgreementReport;
    expect(r.annotators.map((a) => a.name)).toEqual(['Ann', 'Ben']);
    await expect(
      service.handle('clips.relabel', { ids: [c3], label: 'sad', annotator: 'n'.repeat(101) }),
    ).rejects.toThrow(/at most 100 characters/);
  });
});
