import { describe, expect, it, vi } from 'vitest';
import type { RunDetail, RunPrediction, RunSummary } from '../../../../src/common/contract.js';
import { deferred, fakeClient, settle } from './fake-client.js';

function run(id: number, accuracy: number | null): RunSummary {
  return { id, status: accuracy === null ? 'failed' : 'done', accuracy } as RunSummary;
}

function prediction(clipId: number, label: string, predicted: string): RunPrediction {
  return { clipId, name: `${clipId}.wav`, speaker: '08', label, predicted, confidence: 0.6 };
}

/**
 * Fresh state modules over a fake engine: `runs` is runs.list's answer, `modelRunId` the model in use; a
 * runs.get or runs.predictions request waits in `pending` (by run id, or by "label>predicted") for the test.
 */
async function setup(runs: RunSummary[], modelRunId: number | null = null) {
  vi.resetModules();
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { evaluation } = await import('../../../../src/renderer/lib/state/evaluation.svelte.js');
  const details = new Map<number, ReturnType<typeof deferred<RunDetail>>>();
  const cells = new Map<string, ReturnType<typeof deferred<RunPrediction[]>>>();
  const fake = fakeClient({
    'project.info': () => ({
      labels: ['happy', 'sad'],
      stats: { clips: 10 },
      currentModel: modelRunId === null ? null : { runId: modelRunId },
    }),
    'runs.list': () => runs,
    'runs.get': (p: { id: number }) => {
      const d = deferred<RunDetail>();
      details.set(p.id, d);
      return d.promise;
    },
    'runs.predictions': (p: { label: string; predicted: string }) => {
      const d = deferred<RunPrediction[]>();
      cells.set(`${p.label}>${p.predicted}`, d);
      return d.promise;
    },
  });
  studio.connect(fake.client);
  await settle();
  const answer = async (id: number) => {
    await settle();
    details.get(id)!.resolve({ id, accuracy: 0.8 } as RunDetail);
    await settle();
  };
  return { evaluation, details, cells, answer, ...fake };
}

describe('evaluation state', () => {
  it('opens on the model in use when it has metrics', async () => {
    const { evaluation, answer, sent } = await setup([run(1, 0.7), run(3, 0.9), run(2, 0.8)], 2);
    await evaluation.ensure();
    await answer(2);
    expect(evaluation.runId).toBe(2);
    expect(evaluation.detail?.id).toBe(2);
    expect(evaluation.loading).toBe(false);
    expect(sent('runs.get')).toEqual([{ id: 2 }]);
  });

  it('else on the newest run with metrics; runs without metrics are not offered', async () => {
    const { evaluation, answer } = await setup([run(1, 0.7), run(4, null), run(3, 0.9)]);
    await evaluation.ensure();
    await answer(3);
    expect(evaluation.evaluable.map((r) => r.id)).toEqual([3, 1]);
    expect(evaluation.runId).toBe(3);
  });

  it('with no run to show, shows none', async () => {
    const { evaluation, sent } = await setup([run(4, null)]);
    await evaluation.ensure();
    expect(evaluation.runId).toBeNull();
    expect(sent('runs.get')).toEqual([]);
  });

  it('a run chosen later wins over an earlier choice answering last', async () => {
    const { evaluation, details } = await setup([run(1, 0.7), run(2, 0.8)]);
    evaluation.select(1);
    evaluation.select(2);
    await settle();
    details.get(2)!.resolve({ id: 2 } as RunDetail);
    await settle();
    details.get(1)!.resolve({ id: 1 } as RunDetail);
    await settle();
    expect(evaluation.runId).toBe(2);
    expect(evaluation.detail?.id).toBe(2);
    expect(evaluation.loading).toBe(false);
  });

  it('choosing the run already shown asks for nothing; coming back reloads a run whose details are missing', async () => {
    const { evaluation, answer, sent } = await setup([run(1, 0.7)]);
    evaluation.select(1);
    await answer(1);
    evaluation.select(1);
    await evaluation.ensure();
    expect(sent('runs.get')).toEqual([{ id: 1 }]);

    const failed = await setup([run(1, 0.7)]);
    failed.evaluation.select(1);
    await settle();
    failed.details.get(1)!.reject(new Error('run 1 was deleted'));
    await settle();
    expect(failed.evaluation.error).toBe('run 1 was deleted');
    expect(failed.evaluation.loading).toBe(false);
    const coming = failed.evaluation.ensure();
    await failed.answer(1);
    await coming;
    expect(failed.evaluation.detail?.id).toBe(1);
    expect(failed.evaluation.error).toBeNull();
  });

  it("lists a confusion cell's clips; a cell opened later wins, a closed one never shows", async () => {
    const { evaluation, cells, answer, sent } = await setup([run(1, 0.7)]);
    evaluation.select(1);
    await answer(1);
    expect(evaluation.cellReveal).toBe(false);
    void evaluation.openCell({ label: 'happy', predicted: 'sad' });
    // the list asks to be brought into view (once: the view clears the flag when it has done so)
    expect(evaluation.cellReveal).toBe(true);
    void evaluation.openCell({ label: 'sad', predicted: 'happy' });
    expect(evaluation.cellLoading).toBe(true);
    expect(sent('runs.predictions')).toEqual([
      { id: 1, label: 'happy', predicted: 'sad', voice: 'new' },
      { id: 1, label: 'sad', predicted: 'happy', voice: 'new' },
    ]);
    cells.get('sad>happy')!.resolve([prediction(5, 'sad', 'happy')]);
    await settle();
    cells.get('happy>sad')!.resolve([prediction(6, 'happy', 'sad')]);
    await settle();
    expect(evaluation.cell).toEqual({ label: 'sad', predicted: 'happy' });
    expect(evaluation.cellRows.map((r) => r.clipId)).toEqual([5]);
    expect(evaluation.cellLoading).toBe(false);

    void evaluation.openCell({ label: 'happy', predicted: 'happy' });
    evaluation.closeCell();
    cells.get('happy>happy')!.resolve([prediction(7, 'happy', 'happy')]);
    await settle();
    expect(evaluation.cell).toBeNull();
    expect(evaluation.cellRows).toEqual([]);
    expect(evaluation.cellLoading).toBe(false);
  });

  it("a cell's failure is its own error; a label outside the canonical words asks nothing", async () => {
    const { evaluation, cells, answer, sent } = await setup([run(1, 0.7)]);
    evaluation.select(1);
    await answer(1);
    const opening = evaluation.openCell({ label: 'happy', predicted: 'sad' });
    cells.get('happy>sad')!.reject(new Error('no predictions stored'));
    await opening;
    expect(evaluation.cellError).toBe('no predictions stored');
    expect(evaluation.error).toBeNull();
    void evaluation.openCell({ label: 'Happy!', predicted: 'sad' });
    expect(sent('runs.predictions')).toHaveLength(1);
  });

  it('a new run shown closes the cell of the last one', async () => {
    const { evaluation, cells, answer } = await setup([run(1, 0.7), run(2, 0.8)]);
    evaluation.select(1);
    await answer(1);
    const opening = evaluation.openCell({ label: 'happy', predicted: 'sad' });
    cells.get('happy>sad')!.resolve([prediction(6, 'happy', 'sad')]);
    await opening;
    evaluation.select(2);
    expect(evaluation.cell).toBeNull();
    expect(evaluation.cellRows).toEqual([]);
  });
});
