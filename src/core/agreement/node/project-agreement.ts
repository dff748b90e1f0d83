import type { AgreementReport } from '../../../common/contract.js';
import type { Project } from '../../dataset/node/project.js';
import { computeAgreement } from '../agreement.js';

/** The project's agreement figures, as the Agreement screen, the report and `ser stats --agreement` show them. */
export function projectAgreement(project: Project): AgreementReport {
  return computeAgreement(
    project.annotations.agreementItems(),
    project.settings.labelSet(),
    project.annotations.tieRule(),
  );
}
