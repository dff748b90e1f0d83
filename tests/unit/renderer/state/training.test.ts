import { describe, expect, it, vi } from 'vitest';
import type {
  EpochRecord,
  RunDetail,
  RunSummary,
  TrainProgress,
  TrainRequest,
} from '../../../../src/common/contract.js';
import { deferred, fakeClient, settle } from './fake-client.js';
import { DEFAULT_RECIPE } from '../../../../src/common/options.js';

function run(id: number, status: RunSummary['status'] = 'done'): RunSummary {
  return { id, status, accuracy: status === 'done' ? 0.8 : null } as RunSummary;
}

function progress(runId: number, epoch = 0): TrainProgress {
  return {
    runId,
    phase: 'training',
    fold: 0,
    folds: 4,
    epoch,
    epochs: 10,
    batch: 0,
    batches: 5,
  } as TrainProgress;
}

function epoch(n: number): EpochRecord {
  return { fold: 0, epoch: n, loss: 1 / (n + 1), accuracy: 0.5, lr: 0.001, clipsPerS: 100 } as EpochRecord;
}

/**
 * Fresh state modules over a fake engine. `runs` is what runs.list answers (the test may change it);
 * runs.get answers `details[id]`, or waits on `pendingDetail` when the test set one.
 */
async function setup(runs: RunSummary[] = []) {
  vi.resetModules();
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { training } = await import('../../../../src/renderer/lib/state/training.svelte.js');
  const state = {
    runs,
    details: {} as Record<number, Partial<RunDetail>>,
    pendingDetail: null as ReturnType<typeof deferred<RunDetail>> | null,
    startError: null as Error | null,
    cancelError: null as Error | null,
    runsError: null as Error | null,
  };
  const fake = fakeClient({
    'project.info': () => ({ labels: ['happy', 'sad'], stats: { clips: 0 } }),
    'runs.list': () => {
      if (state.runsError) throw state.runsError;
      return state.runs;
    },
    'runs.get': (p: { id: number }) => state.pendingDetail?.promise ?? { id: p.id, ...state.details[p.id] },
    'train.start': () => {
      if (state.startError) throw state.startError;
      return { runId: 5 };
    },
    'train.cancel': () => {
      if (state.cancelError) throw state.cancelError;
      return { cancelled: true };
    },
  });
  studio.connect(fake.client);
  await settle();
  return { training, studio, state, ...fake };
}

const REQUEST = { epochs: 3 } as TrainRequest;

describe('training state', () => {
  it('loads the runs when attached, and follows a run found running (a reload) with its stored settings', async () => {
    const { training, state, sent } = await setup([run(3), run(7, 'running')]);
    state.details[7] = { config: { epochs: 12 }, epochs: [epoch(0), epoch(1)] };
    training.attach();
    await settle();
    expect(training.runsLoaded).toBe(true);
    expect(training.runs.map((r) => r.id)).toEqual([3, 7]);
    expect(training.runId).toBe(7);
    expect(training.running).toBe(true);
    expect(training.runConfig).toEqual({ epochs: 12 });
    expect(training.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(sent('runs.get')).toEqual([{ id: 7 }]);
  });

  it('finds nothing to follow when no run is going', async () => {
    const { training, sent } = await setup([run(3)]);
    training.attach();
    await settle();
    expect(training.runId).toBeNull();
    expect(training.running).toBe(false);
    expect(sent('runs.get')).toEqual([]);
  });

  it('a run started here follows its own events only, and ends with its outcome', async () => {
    const { training, emit, sent } = await setup();
    training.attach();
    await settle();
    await training.start(REQUEST);
    expect(sent('train.start')).toEqual([REQUEST]);
    expect(training.runId).toBe(5);
    expect(training.running).toBe(true);
    expect(training.starting).toBe(false);
    expect(training.runConfig).toBeNull();

    emit('train.progress', progress(5, 2));
    emit('train.progress', progress(6, 9)); // another window's run
    expect(training.progress?.epoch).toBe(2);
    emit('train.epoch', { runId: 5, ...epoch(0) });
    emit('train.epoch', { runId: 6, ...epoch(7) });
    emit('train.epoch', { runId: 5, ...epoch(1) });
    expect(training.epochs).toEqual([epoch(0), epoch(1)]); // without their runId

    const runsBefore = sent('runs.list').length;
    const infoBefore = sent('project.info').length;
    emit('train.done', { runId: 6, status: 'done', metrics: null, error: null });
    expect(training.outcome).toBeNull();
    emit('train.done', { runId: 5, status: 'failed', metrics: null, error: 'out of memory' });
    expect(training.outcome).toEqual({ runId: 5, status: 'failed', metrics: null, error: 'out of memory' });
    expect(training.running).toBe(false);
    await settle();
    // both runs' ends refresh the list and the project (the model in use may have changed)
    expect(sent('runs.list').length).toBe(runsBefore + 2);
    expect(sent('project.info').length).toBe(infoBefore + 2);
  });

  it('knows the recipe of the run it follows, and asks once to bring a run started here into view', async () => {
    const { training, state } = await setup([run(7, 'running')]);
    state.details[7] = { config: { recipe: 'fusion' }, epochs: [] };
    expect(training.revealPending).toBe(false);
    training.attach();
    await settle();
    // found running at a reload: its stored recipe, and no jump to it (the user did not just press Train)
    expect(training.runRecipe).toBe('fusion');
    expect(training.revealPending).toBe(false);
    training.outcome = { runId: 7, status: 'done', metrics: null, error: null };
    await training.start({ ...REQUEST, recipe: 'cnn' });
    expect([training.runRecipe, training.revealPending]).toEqual(['cnn', true]);
    training.revealPending = false;
    // no recipe in the request: the engine's default
    await training.start(REQUEST);
    expect([training.runRecipe, training.revealPending]).toEqual([DEFAULT_RECIPE, true]);
    // a refused start neither names a recipe nor moves the page
    training.revealPending = false;
    state.startError = new Error('no clips');
    await training.start({ ...REQUEST, recipe: 'auto' });
    expect([training.runRecipe, training.revealPending]).toEqual([DEFAULT_RECIPE, false]);
  });

  it("adopts a run another window started from its first progress event, with that run's settings", async () => {
    const { training, state, emit, sent } = await setup();
    state.details[8] = { config: { epochs: 40 } };
    training.attach();
    await settle();
    emit('train.progress', progress(8, 1));
    expect(training.runId).toBe(8);
    expect(training.progress?.epoch).toBe(1);
    await settle();
    expect(sent('runs.get')).toEqual([{ id: 8 }]);
    expect(training.runConfig).toEqual({ epochs: 40 });
  });

  it("drops an adopted run's settings arriving after the page started its own run", async () => {
    const { training, state, emit } = await setup();
    training.attach();
    await settle();
    const detail = deferred<RunDetail>();
    state.pendingDetail = detail;
    emit('train.progress', progress(8));
    await training.start(REQUEST);
    detail.resolve({ id: 8, config: { epochs: 40 } } as unknown as RunDetail);
    await settle();
    expect(training.runId).toBe(5);
    expect(training.runConfig).toBeNull();
  });

  it('a new start clears what the previous run left', async () => {
    const { training, emit } = await setup();
    training.attach();
    await settle();
    await training.start(REQUEST);
    emit('train.progress', progress(5, 3));
    emit('train.epoch', { runId: 5, ...epoch(0) });
    emit('train.done', { runId: 5, status: 'done', metrics: null, error: null });
    await training.start(REQUEST);
    expect(training.progress).toBeNull();
    expect(training.epochs).toEqual([]);
    expect(training.outcome).toBeNull();
    expect(training.running).toBe(true);
  });

  it('drops the settings of a run found running once the page started its own meanwhile', async () => {
    const { training, state } = await setup([run(7, 'running')]);
    const detail = deferred<RunDetail>();
    state.pendingDetail = detail;
    training.attach();
    await settle();
    expect(training.runId).toBe(7);
    await training.start(REQUEST);
    expect(training.runId).toBe(5);
    detail.resolve({ id: 7, config: { epochs: 99 }, epochs: [epoch(4)] } as unknown as RunDetail);
    await settle();
    expect(training.runConfig).toBeNull();
    expect(training.epochs).toEqual([]);
  });

  it('says why a start failed and keeps no run', async () => {
    const { training, state } = await setup();
    state.startError = new Error('no labelled clips');
    await training.start(REQUEST);
    expect(training.error).toBe('no labelled clips');
    expect(training.starting).toBe(false);
    expect(training.runId).toBeNull();
  });

  it('cancels the run it follows; a refused cancel says why and lets the user try again', async () => {
    const { training, state, sent } = await setup();
    await training.cancel(); // nothing to cancel
    expect(sent('train.cancel')).toEqual([]);
    await training.start(REQUEST);
    await training.cancel();
    expect(sent('train.cancel')).toEqual([{ runId: 5 }]);
    expect(training.cancelling).toBe(true); // until train.done says it stopped
    state.cancelError = new Error('the run already finished');
    await training.cancel();
    expect(training.cancelling).toBe(false);
    expect(training.error).toBe('the run already finished');
  });

  it('a failed run list is an error of its own; the list counts as loaded', async () => {
    const { training, state } = await setup();
    state.runsError = new Error('database is locked');
    await training.loadRuns();
    expect(training.runsError).toBe('database is locked');
    expect(training.runsLoaded).toBe(true);
    state.runsError = null;
    await training.loadRuns();
    expect(training.runsError).toBeNull();
  });

  it('stops listening when detached', async () => {
    const { training, emit } = await setup();
    const detach = training.attach();
    await settle();
    await training.start(REQUEST);
    detach();
    emit('train.progress', progress(5, 4));
    emit('train.done', { runId: 5, status: 'done', metrics: null, error: null });
    expect(training.progress).toBeNull();
    expect(training.outcome).toBeNull();
  });
});
