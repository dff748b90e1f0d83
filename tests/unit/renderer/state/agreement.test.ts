import { describe, expect, it, vi } from 'vitest';
import type { AgreementReport, TieRule } from '../../../../src/common/contract.js';
import { deferred, fakeClient, settle } from './fake-client.js';

function report(kappa: number): AgreementReport {
  return { labels: ['happy', 'sad'], annotators: [], kappa, method: 'cohen' } as unknown as AgreementReport;
}

/** Fresh state modules over a fake engine whose agreement.get answers `state.kappa`'s report. */
async function setup() {
  vi.resetModules();
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { clips } = await import('../../../../src/renderer/lib/state/clips-query.svelte.js');
  const { agreement } = await import('../../../../src/renderer/lib/state/agreement.svelte.js');
  const state = {
    kappa: 0.5,
    changed: 2,
    fail: null as Error | null,
    hold: null as ReturnType<typeof deferred<void>> | null,
  };
  const fake = fakeClient({
    'project.info': () => ({ labels: ['happy', 'sad'], stats: { clips: 4 } }),
    'clips.list': () => ({ rows: [], total: 0, offset: 0 }),
    'agreement.get': async () => {
      await state.hold?.promise;
      if (state.fail) throw state.fail;
      return report(state.kappa);
    },
    'agreement.setTieRule': (rule: TieRule) => {
      if (state.fail) throw state.fail;
      return { tieRule: rule, changed: state.changed };
    },
  });
  studio.connect(fake.client);
  await settle();
  return { agreement, clips, studio, state, ...fake };
}

describe('agreement state', () => {
  it('loads the report, loading meanwhile; a failure says why', async () => {
    const { agreement, state } = await setup();
    state.hold = deferred<void>();
    const loading = agreement.load();
    expect(agreement.loading).toBe(true);
    state.hold.resolve();
    await loading;
    expect(agreement.loading).toBe(false);
    expect(agreement.report?.kappa).toBe(0.5);
    state.hold = null;
    state.fail = new Error('database is locked');
    await agreement.load();
    expect(agreement.error).toBe('database is locked');
    expect(agreement.loading).toBe(false);
  });

  it('a tie rule set relabels the tied clips: says how many, and the clip list and the figures follow', async () => {
    const { agreement, studio, state, sent } = await setup();
    await agreement.load();
    const lists = sent('clips.list').length;
    state.kappa = 0.6;
    const rule: TieRule = { rule: 'adjudicator', adjudicator: 'Anna' };
    await agreement.setTieRule(rule);
    expect(sent('agreement.setTieRule')).toEqual([rule]);
    expect(studio.notice).toBe('Tie rule set; 2 tied clips relabelled (Ctrl+Z undoes)');
    expect(sent('clips.list').length).toBeGreaterThan(lists);
    expect(agreement.report?.kappa).toBe(0.6);

    state.changed = 1;
    await agreement.setTieRule({ rule: 'flag', adjudicator: null });
    expect(studio.notice).toBe('Tie rule set; 1 tied clip relabelled (Ctrl+Z undoes)');
  });

  it('a refused tie rule says why and changes nothing', async () => {
    const { agreement, studio, state, sent } = await setup();
    await agreement.load();
    state.fail = new Error('Anna has labelled nothing');
    await agreement.setTieRule({ rule: 'adjudicator', adjudicator: 'Anna' });
    expect(agreement.error).toBe('Anna has labelled nothing');
    expect(studio.notice).toBe('');
    expect(sent('agreement.get')).toHaveLength(1);
  });

  it('the disagreements open in Review: clips only, the most divided first', async () => {
    const { agreement, clips, studio } = await setup();
    clips.setFilter({ speaker: '08', label: 'happy' });
    clips.setSort('path', true); // the table was sorted the other way
    agreement.openDisagreements();
    expect(clips.filter).toEqual({ status: 'ok', annotatorsDisagree: true });
    expect(clips.sort).toBe('divided');
    expect(clips.desc).toBe(false);
    expect(studio.screen).toBe('review');
  });
});
