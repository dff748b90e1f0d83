import { computeAgreement } from '../../agreement/index.js';
import type { Project } from '../../dataset/node/project.js';
import { badRequest } from '../errors.js';
import type { Handlers } from './types.js';
import type { AgreementReport } from '../../../common/contract.js';

/** The project's agreement figures, as the Agreement screen, the report and `ser stats --agreement` show them. */
export function projectAgreement(project: Project): AgreementReport {
  return computeAgreement(
    project.annotations.agreementItems(),
    project.settings.labelSet(),
    project.annotations.tieRule(),
  );
}

export const agreementHandlers: Pick<Handlers, 'agreement.get' | 'agreement.setTieRule'> = {
  'agreement.get': (ctx) => projectAgreement(ctx.project),
  'agreement.setTieRule': (ctx, p) => {
    if (p.rule === 'adjudicator' && p.adjudicator === null)
      throw badRequest('the adjudicator rule needs the name of the annotator who decides ties');
    const tieRule = { rule: p.rule, adjudicator: p.rule === 'adjudicator' ? p.adjudicator : null };
    const changed = ctx.project.annotations.setTieRule(tieRule);
    ctx.events.emit('dataset.changed', { reason: 'relabel' });
    return { tieRule, changed };
  },
};
