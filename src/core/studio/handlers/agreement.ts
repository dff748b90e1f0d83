import type { AgreementReport } from '../../../common/contract.js';
import { projectAgreementInSlices } from '../../agreement/node/project-agreement.js';
import type { Project } from '../../dataset/node/project.js';
import { Coalesced } from '../coalesced.js';
import type { StudioContext } from '../context.js';
import { badRequest } from '../errors.js';
import type { Handlers } from './types.js';

const runs = new WeakMap<Project, Coalesced<AgreementReport>>();

/**
 * The figures, computed in slices off the thread's critical path (a project of many annotators takes seconds
 * and the server keeps answering meanwhile), with progress events; requests arriving during a computation
 * share the next one.
 */
function agreementOf(ctx: StudioContext): Promise<AgreementReport> {
  let run = runs.get(ctx.project);
  if (!run) {
    run = new Coalesced(() =>
      projectAgreementInSlices(ctx.project, {
        onProgress: (share) => ctx.events.emit('agreement.progress', { share }),
      }),
    );
    runs.set(ctx.project, run);
  }
  return run.run();
}

export const agreementHandlers: Pick<Handlers, 'agreement.get' | 'agreement.setTieRule'> = {
  'agreement.get': (ctx) => agreementOf(ctx),
  'agreement.setTieRule': (ctx, p) => {
    if (p.rule === 'adjudicator' && p.adjudicator === null)
      throw badRequest('the adjudicator rule needs the name of the annotator who decides ties');
    const changed = ctx.project.annotations.setTieRule({
      rule: p.rule,
      adjudicator: p.rule === 'adjudicator' ? p.adjudicator : null,
    });
    ctx.events.emit('dataset.changed', { reason: 'relabel' });
    // As stored: the adjudicator under the spelling the project knows them by.
    return { tieRule: ctx.project.annotations.tieRule(), changed };
  },
};
