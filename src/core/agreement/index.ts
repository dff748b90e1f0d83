export { computeAgreement } from './agreement.js';
export {
  consensusLabel,
  division,
  topLabels,
  type AgreementItem,
  type Annotation,
} from '../dataset/consensus.js';
export { cohenKappa, fleissKappa, krippendorffAlpha } from './kappa.js';
export { agreementText, formatCoefficient, kappaWords, METHOD_NAMES } from './agreement-text.js';
