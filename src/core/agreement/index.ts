export { computeAgreement, type AgreementItem } from './agreement.js';
export { consensusLabel, division, topLabels, type Annotation } from './consensus.js';
export { cohenKappa, fleissKappa, krippendorffAlpha } from './kappa.js';
export { agreementText, formatCoefficient, kappaWords, METHOD_NAMES } from './agreement-text.js';
