import { projectAgreement } from '../../agreement/node/project-agreement.js';
import { badRequest } from '../errors.js';
import type { Handlers } from './types.js';

export const agreementHandlers: Pick<Handlers, 'agreement.get' | 'agreement.setTieRule'> = {
  'agreement.get': (ctx) => projectAgreement(ctx.project),
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
