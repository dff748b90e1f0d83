/**
 * Agreement as it was computed before it had to scale: every formula written out plainly (each pair of
 * annotators scans every clip), kept as the reference the fast computation must match.
 */
import type {
  ActedAgreement,
  AgreementReport,
  ClassAgreement,
  PairAgreement,
  TieRule,
} from '../../../src/common/contract.js';
import { confusionMatrix } from '../../../src/core/metrics/confusion-matrix.js';
import { consensusLabel, topLabels, type AgreementItem } from '../../../src/core/dataset/consensus.js';
import { fleissKappa } from '../../../src/core/agreement/kappa.js';

/**
 * Every agreement figure of a project. Two annotators: Cohen's kappa on the clips both labelled. Three or
 * more: Fleiss' kappa on the clips every annotator labelled (its formula needs the same number of raters per
 * clip), beside Krippendorff's alpha over every clip with two or more labels, which needs no complete cases:
 * with missing ratings, alpha is the figure to quote. Per class, the same coefficients on "this class or not".
 */
export function referenceAgreement(
  items: readonly AgreementItem[],
  labelSet: readonly string[],
  tieRule: TieRule,
): Omit<AgreementReport, 'pairsLeftOut'> {
  const labels = labelOrder(items, labelSet);
  const perAnnotator = new Map<string, number>();
  for (const it of items)
    for (const a of it.annotations) perAnnotator.set(a.annotator, (perAnnotator.get(a.annotator) ?? 0) + 1);
  const annotators = [...perAnnotator.keys()].sort();
  const annotated = items.filter((it) => it.annotations.length > 0);
  const compared = annotated.filter((it) => it.annotations.length >= 2);

  let disagreeing = 0;
  let tied = 0;
  let pairAgree = 0;
  for (const it of compared) {
    const values = it.annotations.map((a) => a.label);
    if (new Set(values).size > 1) disagreeing++;
    if (consensusLabel(it.annotations, tieRule, null).tied) tied++;
    pairAgree += pairwiseShare(values);
  }

  const overall = coefficients(compared, annotators, (l) => l);
  const perClass: ClassAgreement[] = labels.map((label) => {
    const c = coefficients(compared, annotators, (l) => (l === label ? label : 'other'));
    const ratings = annotated.reduce(
      (s, it) => s + it.annotations.filter((a) => a.label === label).length,
      0,
    );
    return { label, kappa: c.kappa, alpha: c.alpha, ratings };
  });

  return {
    labels,
    annotators: annotators.map((name) => ({ name, clips: perAnnotator.get(name) ?? 0 })),
    clipsAnnotated: annotated.length,
    clipsCompared: compared.length,
    clipsDisagreeing: disagreeing,
    clipsTied: tied,
    method: overall.method,
    kappa: overall.kappa,
    kappaClips: overall.kappaClips,
    alpha: overall.alpha,
    observed: compared.length ? pairAgree / compared.length : null,
    perClass,
    pairs: pairsOf(annotated, annotators, labels),
    acted: actedAgreement(annotated, annotators, labels),
    tieRule,
  };
}

/** The label set's order first, then any other label seen, alphabetically. */
function labelOrder(items: readonly AgreementItem[], labelSet: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const it of items) {
    for (const a of it.annotations) seen.add(a.label);
    if (it.intended !== null && it.annotations.length > 0) seen.add(it.intended);
  }
  const known = labelSet.filter((l) => seen.has(l));
  const rest = [...seen].filter((l) => !labelSet.includes(l)).sort();
  return [...known, ...rest];
}

/** Share of agreeing pairs among a clip's labels (Fleiss' P_i). */
function pairwiseShare(values: readonly string[]): number {
  const m = values.length;
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let same = 0;
  for (const n of counts.values()) same += n * (n - 1);
  return same / (m * (m - 1));
}

function coefficients(
  compared: readonly AgreementItem[],
  annotators: readonly string[],
  map: (label: string) => string,
): Pick<AgreementReport, 'method' | 'kappa' | 'kappaClips' | 'alpha'> {
  const alpha = krippendorffAlpha(compared.map((it) => it.annotations.map((a) => map(a.label))));
  if (annotators.length < 2) return { method: null, kappa: null, kappaClips: 0, alpha };
  if (annotators.length === 2) {
    const pairs = bothRated(compared, annotators[0], annotators[1]).map(
      ([a, b]) => [map(a), map(b)] as [string, string],
    );
    return { method: 'cohen', kappa: cohenKappa(pairs), kappaClips: pairs.length, alpha };
  }
  const complete = compared.filter((it) =>
    annotators.every((n) => it.annotations.some((a) => a.annotator === n)),
  );
  const categories = [...new Set(complete.flatMap((it) => it.annotations.map((a) => map(a.label))))];
  const counts = complete.map((it) =>
    categories.map(
      (c) => it.annotations.filter((a) => annotators.includes(a.annotator) && map(a.label) === c).length,
    ),
  );
  const fleiss = fleissKappa(counts);
  return { method: 'fleiss', kappa: fleiss?.kappa ?? null, kappaClips: complete.length, alpha };
}

function bothRated(items: readonly AgreementItem[], a: string, b: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const it of items) {
    const la = it.annotations.find((x) => x.annotator === a)?.label;
    const lb = it.annotations.find((x) => x.annotator === b)?.label;
    if (la !== undefined && lb !== undefined) out.push([la, lb]);
  }
  return out;
}

/** The metrics' confusion matrix over two raters' labels; a label outside `labels` is left out. */
function confusionOf(pairs: ReadonlyArray<readonly [string, string]>, labels: readonly string[]): number[][] {
  if (labels.length === 0) return [];
  const known = pairs
    .map(([a, b]) => [labels.indexOf(a), labels.indexOf(b)] as const)
    .filter(([i, j]) => i >= 0 && j >= 0);
  return confusionMatrix(
    known.map(([i]) => i),
    known.map(([, j]) => j),
    labels.length,
  );
}

function agreeShare(pairs: ReadonlyArray<readonly [string, string]>): number | null {
  return pairs.length ? pairs.filter(([a, b]) => a === b).length / pairs.length : null;
}

function pairsOf(
  items: readonly AgreementItem[],
  annotators: readonly string[],
  labels: readonly string[],
): PairAgreement[] {
  const out: PairAgreement[] = [];
  for (let i = 0; i < annotators.length; i++) {
    for (let j = i + 1; j < annotators.length; j++) {
      const pairs = bothRated(items, annotators[i], annotators[j]);
      out.push({
        a: annotators[i],
        b: annotators[j],
        clips: pairs.length,
        observed: agreeShare(pairs),
        kappa: cohenKappa(pairs),
        confusion: confusionOf(pairs, labels),
      });
    }
  }
  return out;
}

function actedAgreement(
  items: readonly AgreementItem[],
  annotators: readonly string[],
  labels: readonly string[],
): ActedAgreement | null {
  const acted = items.filter((it) => it.intended !== null);
  if (acted.length === 0) return null;
  const pairs = acted.flatMap((it) => it.annotations.map((a) => [it.intended!, a.label] as [string, string]));
  let majorityRight = 0;
  for (const it of acted) {
    const { top } = topLabels(it.annotations.map((a) => a.label));
    if (top.length === 1 && top[0] === it.intended) majorityRight++;
  }
  return {
    clips: acted.length,
    ratings: pairs.length,
    observed: agreeShare(pairs),
    kappa: cohenKappa(pairs),
    majorityObserved: majorityRight / acted.length,
    perAnnotator: annotators.map((annotator) => {
      const own = acted.flatMap((it) =>
        it.annotations
          .filter((a) => a.annotator === annotator)
          .map((a) => [it.intended!, a.label] as [string, string]),
      );
      return { annotator, ratings: own.length, observed: agreeShare(own), kappa: cohenKappa(own) };
    }),
    confusion: confusionOf(pairs, labels),
  };
}

function cohenKappa(pairs: ReadonlyArray<readonly [string, string]>): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agree = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [label, count] of first) pe += (count / n) * ((second.get(label) ?? 0) / n);
  return pe >= 1 ? null : (po - pe) / (1 - pe);
}

function krippendorffAlpha(units: ReadonlyArray<readonly string[]>): number | null {
  // The coincidence matrix: every ordered pair of labels within a unit, weighted 1 / (m_u - 1).
  const coincidence = new Map<string, Map<string, number>>();
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const row = coincidence.get(values[i]) ?? new Map<string, number>();
        row.set(values[j], (row.get(values[j]) ?? 0) + 1 / (m - 1));
        coincidence.set(values[i], row);
      }
    }
  }
  const marginals = new Map<string, number>();
  let n = 0;
  let disagreeing = 0;
  for (const [c, row] of coincidence) {
    for (const [k, o] of row) {
      marginals.set(c, (marginals.get(c) ?? 0) + o);
      n += o;
      if (c !== k) disagreeing += o;
    }
  }
  if (n <= 1) return null;
  let sumSquares = 0;
  for (const nc of marginals.values()) sumSquares += nc * nc;
  const expectedDisagreeing = n * n - sumSquares; // Σ_{c≠k} n_c n_k
  if (expectedDisagreeing <= 0) return null;
  return 1 - ((n - 1) * disagreeing) / expectedDisagreeing;
}
