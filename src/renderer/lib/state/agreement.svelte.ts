import type { AgreementReport, TieRule } from '../../../common/contract.js';
import { messageOf } from '../util/errors.js';
import { clips } from './clips-query.svelte.js';
import { studio } from './studio.svelte.js';

/** The Agreement screen's figures, fetched when it opens and after labels change. */
class AgreementState {
  report = $state.raw<AgreementReport | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Share done of a long computation (many annotators), null until the engine reports one. */
  progress = $state<number | null>(null);

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    this.progress = null;
    const off = studio.client.on('agreement.progress', (p) => (this.progress = p.share));
    try {
      this.report = await studio.client.request('agreement.get', {});
    } catch (err) {
      this.error = messageOf(err);
    } finally {
      off();
      this.loading = false;
      this.progress = null;
    }
  }

  async setTieRule(rule: TieRule): Promise<void> {
    this.error = null;
    try {
      const { changed } = await studio.client.request('agreement.setTieRule', rule);
      studio.say(`Tie rule set; ${changed} tied clip${changed === 1 ? '' : 's'} relabelled (Ctrl+Z undoes)`);
      clips.refresh();
      await this.load();
    } catch (err) {
      this.error = messageOf(err);
    }
  }

  /** Review the clips whose annotators differ, most divided first. */
  openDisagreements(): void {
    clips.sort = 'divided';
    clips.desc = false;
    // clips only: a rejected file has no labels to disagree on, and Review then counts "clip 1 of N"
    clips.setFilter({ status: 'ok', annotatorsDisagree: true });
    studio.go('review');
  }
}

export const agreement = new AgreementState();
