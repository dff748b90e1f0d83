import type { AgreementReport } from '../../common/contract.js';
import { formatCoefficient, kappaWords, METHOD_NAMES } from '../agreement/agreement-text.js';
import { escapeXml } from './format.js';

function matrixTable(caption: string, rowsTitle: string, labels: readonly string[], m: number[][]): string {
  const head = `<tr><th scope="col">${escapeXml(rowsTitle)}</th>${labels.map((l) => `<th scope="col">${escapeXml(l)}</th>`).join('')}</tr>`;
  const rows = labels
    .map(
      (l, i) =>
        `<tr><th scope="row">${escapeXml(l)}</th>${m[i].map((n, j) => `<td class="num">${i === j ? `<b>${n}</b>` : n}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table><caption>${escapeXml(caption)}</caption>\n${head}\n${rows}\n</table>`;
}

/**
 * How far the project's annotators agree, for a thesis's methods chapter: the chance-corrected coefficient,
 * per class, per pair with the pair's confusion, and the acted emotion against the perceived ones. Empty when
 * no clip has two annotators' labels.
 */
export function agreementSection(r: AgreementReport | undefined): string {
  if (!r || r.clipsCompared === 0 || r.method === null) return '';
  const cell = (x: number | null) => `<td class="num">${formatCoefficient(x)}</td>`;
  const perClass = `<table><caption>Per class (the same coefficients on “this class or not”)</caption>
<tr><th scope="col">Class</th><th scope="col">Kappa</th><th scope="col">Alpha</th><th scope="col">Labels given</th></tr>
${r.perClass.map((c) => `<tr><th scope="row">${escapeXml(c.label)}</th>${cell(c.kappa)}${cell(c.alpha)}<td class="num">${c.ratings}</td></tr>`).join('\n')}
</table>`;
  const leftOut =
    r.pairsLeftOut > 0
      ? `; the ${r.pairs.length} pairs with the most clips in common, ${r.pairsLeftOut} more not listed`
      : '';
  const pairs = `<table><caption>Pairs of annotators (Cohen’s kappa over the clips both labelled${leftOut})</caption>
<tr><th scope="col">Pair</th><th scope="col">Clips</th><th scope="col">Agreement</th><th scope="col">Kappa</th></tr>
${r.pairs.map((p) => `<tr><th scope="row">${escapeXml(p.a)} / ${escapeXml(p.b)}</th><td class="num">${p.clips}</td>${cell(p.observed)}${cell(p.kappa)}</tr>`).join('\n')}
</table>`;
  const confusions = r.pairs
    .map((p) => matrixTable(`${p.a} (rows) against ${p.b} (columns)`, p.a, r.labels, p.confusion))
    .join('\n');
  const acted = r.acted
    ? `<h3>Acted against perceived</h3>
<p>${r.acted.clips} clips with an acted (intended) emotion, ${r.acted.ratings} perceived labels: agreement ${formatCoefficient(r.acted.observed)}, Cohen’s kappa ${formatCoefficient(r.acted.kappa)}; the annotators’ majority is the acted emotion on ${formatCoefficient(r.acted.majorityObserved)} of these clips.</p>
${matrixTable('Acted (rows) against perceived (columns)', 'acted', r.labels, r.acted.confusion)}`
    : '';
  return `<section aria-labelledby="h-agreement">
<h2 id="h-agreement">Annotator agreement</h2>
<p>${r.annotators.length} annotators (${r.annotators.map((a) => `${escapeXml(a.name)}: ${a.clips} clips`).join(', ')}); ${r.clipsCompared} clips labelled by two or more, of which annotators differ on ${r.clipsDisagreeing} and tie on ${r.clipsTied} (tie rule: ${escapeXml(r.tieRule.rule)}${r.tieRule.adjudicator ? `, adjudicator ${escapeXml(r.tieRule.adjudicator)}` : ''}). A clip’s training label is its annotators’ majority.</p>
<div class="headline">
<div class="stat"><div class="label">${METHOD_NAMES[r.method]}</div><div class="value">${formatCoefficient(r.kappa)}</div><div class="sub">${kappaWords(r.kappa)}, ${r.kappaClips} clips</div></div>
<div class="stat"><div class="label">Krippendorff’s alpha</div><div class="value">${formatCoefficient(r.alpha)}</div><div class="sub">nominal, missing labels allowed</div></div>
<div class="stat"><div class="label">Observed agreement</div><div class="value">${formatCoefficient(r.observed)}</div><div class="sub">pairs of annotators</div></div>
</div>
${perClass}
${pairs}
${confusions}
${acted}
</section>`;
}
