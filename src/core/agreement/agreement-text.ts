import { shortName } from '../../common/annotator-name.js';
import type { AgreementReport } from '../../common/contract.js';

export const METHOD_NAMES: Record<NonNullable<AgreementReport['method']>, string> = {
  cohen: 'Cohen’s kappa',
  fleiss: 'Fleiss’ kappa',
};

/** A coefficient or share to three decimals; 'n/a' where it is undefined. */
export function formatCoefficient(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(3);
}

/** Landis and Koch's (1977) words for a kappa, as theses usually quote them. */
export function kappaWords(k: number | null): string {
  if (k === null) return 'undefined';
  if (k < 0) return 'poor';
  if (k <= 0.2) return 'slight';
  if (k <= 0.4) return 'fair';
  if (k <= 0.6) return 'moderate';
  if (k <= 0.8) return 'substantial';
  return 'almost perfect';
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
    .join('\n');
}

function matrix(title: string, labels: readonly string[], m: number[][]): string {
  return `${title}\n${table([['', ...labels], ...labels.map((l, i) => [l, ...m[i].map(String)])])}`;
}

/** How much of a name a table shows: a name from before the length limit must not widen every row. */
const NAME_CHARS = 40;
const who = (name: string): string => shortName(name, NAME_CHARS);

function headerLines(r: AgreementReport): string[] {
  return [
    `Annotators: ${r.annotators.map((a) => `${who(a.name)} (${a.clips} clips)`).join(', ') || 'none'}`,
    `Clips labelled by an annotator: ${r.clipsAnnotated}; by two or more: ${r.clipsCompared}; ` +
      `annotators differ on ${r.clipsDisagreeing}, tie on ${r.clipsTied} (tie rule: ${r.tieRule.rule}` +
      `${r.tieRule.adjudicator ? `, adjudicator ${who(r.tieRule.adjudicator)}` : ''})`,
  ];
}

/** The coefficients, per class and per pair of annotators (where two annotators labelled the same clips). */
function coefficientLines(r: AgreementReport & { method: NonNullable<AgreementReport['method']> }): string[] {
  const out = [
    `${METHOD_NAMES[r.method]}: ${formatCoefficient(r.kappa)} (${kappaWords(r.kappa)}) on ${r.kappaClips} clips` +
      `${r.method === 'fleiss' ? ' labelled by every annotator' : ''}`,
    `Krippendorff’s alpha (nominal): ${formatCoefficient(r.alpha)} on ${r.clipsCompared} clips`,
    `Observed agreement (pairs of annotators): ${formatCoefficient(r.observed)}`,
    '',
    'Per class',
    table([
      ['class', 'kappa', 'alpha', 'labels'],
      ...r.perClass.map((c) => [
        c.label,
        formatCoefficient(c.kappa),
        formatCoefficient(c.alpha),
        String(c.ratings),
      ]),
    ]),
    '',
    'Pairs of annotators',
    table([
      ['pair', 'clips', 'agreement', 'kappa'],
      ...r.pairs.map((p) => [
        `${who(p.a)} / ${who(p.b)}`,
        String(p.clips),
        formatCoefficient(p.observed),
        formatCoefficient(p.kappa),
      ]),
    ]),
  ];
  if (r.pairsLeftOut > 0)
    out.push(
      `(the ${r.pairs.length} pairs with the most clips in common; ${r.pairsLeftOut} more pairs are not listed)`,
    );
  for (const p of r.pairs)
    out.push('', matrix(`${who(p.a)} (rows) against ${who(p.b)} (columns)`, r.labels, p.confusion));
  return out;
}

function actedLines(acted: NonNullable<AgreementReport['acted']>, labels: readonly string[]): string[] {
  return [
    '',
    `Acted against perceived: ${acted.clips} clips, ${acted.ratings} labels; agreement ${formatCoefficient(acted.observed)}, ` +
      `kappa ${formatCoefficient(acted.kappa)}; the majority matches the acted emotion on ${formatCoefficient(acted.majorityObserved)} of clips`,
    table([
      ['annotator', 'labels', 'agreement', 'kappa'],
      ...acted.perAnnotator.map((a) => [
        who(a.annotator),
        String(a.ratings),
        formatCoefficient(a.observed),
        formatCoefficient(a.kappa),
      ]),
    ]),
    '',
    matrix('Acted (rows) against perceived (columns)', labels, acted.confusion),
  ];
}

/** The agreement figures as `ser stats --agreement` prints them. */
export function agreementText(r: AgreementReport): string {
  const out = headerLines(r);
  if (r.method === null) out.push('Agreement needs two annotators who labelled the same clips.');
  else out.push(...coefficientLines({ ...r, method: r.method }));
  if (r.acted) out.push(...actedLines(r.acted, r.labels));
  return out.join('\n') + '\n';
}
