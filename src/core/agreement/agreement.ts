import type { ActedAgreement, AgreementReport, ClassAgreement, TieRule } from '../../common/contract.js';
import { consensusLabel, type AgreementItem } from '../dataset/consensus.js';
import { indexItem, WorkMeter, type Indexed, type Indices } from './indexed.js';
import { AlphaSums, cohenKappaOf, FleissSums } from './kappa.js';
import { pairTable } from './pair-table.js';

/**
 * The pair table lists every pair of annotators while there are at most this many pairs (32 annotators);
 * past that, the pairs that labelled the most clips in common, and says how many it left out: a table of
 * half a million pairs (1,000 annotators) is read by nobody and would be megabytes on every screen load.
 */
export const MAX_PAIRS = 500;

/** The share of agreementSteps's progress its first pass (who said what) stands for. */
const FIRST_SHARE = 0.02;

/**
 * Every agreement figure of a project. Two annotators: Cohen's kappa on the clips both labelled. Three or
 * more: Fleiss' kappa on the clips every annotator labelled (its formula needs the same number of raters per
 * clip), beside Krippendorff's alpha over every clip with two or more labels, which needs no complete cases:
 * with missing ratings, alpha is the figure to quote. Per class, the same coefficients on "this class or not".
 */
export function computeAgreement(
  items: readonly AgreementItem[],
  labelSet: readonly string[],
  tieRule: TieRule,
): AgreementReport {
  const steps = agreementSteps(items, labelSet, tieRule);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * computeAgreement in steps: it yields the share of the work done (0 to 1) often enough that a caller can
 * pause between steps (agreement-slices.ts), and returns the report. Its cost grows with the annotations
 * times the annotators per clip (every pair of a clip's annotators is counted once, twice when the pair
 * table must choose), never with the pairs of annotators times the clips.
 */
export function* agreementSteps(
  items: readonly AgreementItem[],
  labelSet: readonly string[],
  tieRule: TieRule,
): Steps<AgreementReport> {
  const who = yield* whoSaidWhat(items);
  const labels = labelOrder(who.seen, labelSet);
  const annotators = [...who.perAnnotator.keys()].sort();
  const raters = annotators.length;
  const L = labels.length;
  const choosing = (raters * (raters - 1)) / 2 > MAX_PAIRS;
  // The rest in work units: an annotation when indexed, in the clips' pass and in each class's
  // coefficients; a pair of a clip's annotators in each pair pass.
  const meter = new WorkMeter(
    FIRST_SHARE,
    Math.max(1, who.annotations * (L + 3) + who.pairings * (choosing ? 2 : 1)),
  );
  const annotated = yield* indexAll(items, indicesOf(annotators, labels), meter);
  const compared = annotated.filter((it) => it.who.length >= 2);
  const clips = yield* clipFigures(annotated, tieRule, raters, L, meter);
  const overall = yield* coefficients(compared, raters, null, L, meter);
  const perClass: ClassAgreement[] = [];
  for (let c = 0; c < L; c++) {
    const k = yield* coefficients(compared, raters, c, L, meter);
    perClass.push({ label: labels[c], kappa: k.kappa, alpha: k.alpha, ratings: clips.ratingsOf[c] });
  }
  const pairs = yield* pairTable(compared, annotators, L, choosing && { limit: MAX_PAIRS }, meter);
  return {
    labels,
    annotators: annotators.map((name) => ({ name, clips: who.perAnnotator.get(name) ?? 0 })),
    clipsAnnotated: annotated.length,
    clipsCompared: compared.length,
    clipsDisagreeing: clips.disagreeing,
    clipsTied: clips.tied,
    method: overall.method,
    kappa: overall.kappa,
    kappaClips: overall.kappaClips,
    alpha: overall.alpha,
    observed: compared.length ? clips.pairAgree / compared.length : null,
    perClass,
    pairs: pairs.listed,
    pairsLeftOut: pairs.leftOut,
    acted: clips.acted.report(annotators, labels),
    tieRule,
  };
}

type Steps<T> = Generator<number, T, void>;

/** Who said what, a clip at a time: the first few hundredths of the work. */
function* whoSaidWhat(items: readonly AgreementItem[]): Steps<{
  seen: Set<string>;
  perAnnotator: Map<string, number>;
  /** Pairs of a clip's annotators, over all clips. */
  pairings: number;
  annotations: number;
}> {
  const annotations = Math.max(
    1,
    items.reduce((n, it) => n + it.annotations.length, 0),
  );
  const seen = new Set<string>();
  const perAnnotator = new Map<string, number>();
  let pairings = 0;
  let read = 0;
  for (const it of items) {
    const m = it.annotations.length;
    for (const a of it.annotations) {
      seen.add(a.label);
      perAnnotator.set(a.annotator, (perAnnotator.get(a.annotator) ?? 0) + 1);
    }
    if (it.intended !== null && m > 0) seen.add(it.intended);
    pairings += (m * (m - 1)) / 2;
    read += m;
    yield (FIRST_SHARE * read) / annotations;
  }
  return { seen, perAnnotator, pairings, annotations };
}

function indicesOf(annotators: readonly string[], labels: readonly string[]): Indices {
  return {
    annotator: new Map(annotators.map((n, i) => [n, i])),
    label: new Map(labels.map((l, i) => [l, i])),
    labels: labels.length,
  };
}

/** The clips anyone labelled, by index. */
function* indexAll(items: readonly AgreementItem[], indices: Indices, meter: WorkMeter): Steps<Indexed[]> {
  const annotated: Indexed[] = [];
  for (const it of items) {
    if (it.annotations.length === 0) continue;
    annotated.push(indexItem(it, indices));
    yield meter.add(it.annotations.length);
  }
  return annotated;
}

/** The clips' own figures, and acted against perceived, in one pass. */
function* clipFigures(
  annotated: readonly Indexed[],
  tieRule: TieRule,
  raters: number,
  L: number,
  meter: WorkMeter,
): Steps<{
  disagreeing: number;
  tied: number;
  pairAgree: number;
  ratingsOf: Int32Array;
  acted: ActedCounts;
}> {
  let disagreeing = 0;
  let tied = 0;
  let pairAgree = 0;
  const ratingsOf = new Int32Array(L);
  const acted = new ActedCounts(raters, L);
  for (const it of annotated) {
    const m = it.who.length;
    for (let c = 0; c < L; c++) ratingsOf[c] += it.counts[c];
    if (m >= 2) {
      let kinds = 0;
      let same = 0;
      for (let c = 0; c < L; c++) {
        if (it.counts[c] > 0) kinds++;
        same += it.counts[c] * (it.counts[c] - 1);
      }
      if (kinds > 1) disagreeing++;
      if (consensusLabel(it.annotations, tieRule, null).tied) tied++;
      pairAgree += same / (m * (m - 1));
    }
    if (it.intended >= 0) acted.add(it);
    yield meter.add(m);
  }
  return { disagreeing, tied, pairAgree, ratingsOf, acted };
}

/**
 * Kappa and alpha over the L categories (`only` null), or over "category `only` or not". Two annotators:
 * Cohen's kappa on the clips both labelled; more: Fleiss' on the clips all of them labelled.
 */
function* coefficients(
  clips: readonly Indexed[],
  raters: number,
  only: number | null,
  L: number,
  meter: WorkMeter,
): Steps<Pick<AgreementReport, 'method' | 'kappa' | 'kappaClips' | 'alpha'>> {
  const k = only === null ? L : 2;
  const alpha = new AlphaSums();
  const fleiss = new FleissSums();
  let complete = 0;
  const both = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const cat = (l: number): number => (only === null ? l : l === only ? 0 : 1);
  for (const it of clips) {
    const row = only === null ? it.counts : [it.counts[only], it.who.length - it.counts[only]];
    alpha.add(row);
    if (raters === 2) both[cat(it.label[0])][cat(it.label[1])]++;
    else if (raters > 2 && it.who.length === raters) {
      fleiss.add(row);
      complete++;
    }
    yield meter.add(it.who.length);
  }
  const a = alpha.value();
  if (raters < 2) return { method: null, kappa: null, kappaClips: 0, alpha: a };
  if (raters === 2) return { method: 'cohen', kappa: cohenKappaOf(both), kappaClips: clips.length, alpha: a };
  return { method: 'fleiss', kappa: fleiss.value()?.kappa ?? null, kappaClips: complete, alpha: a };
}

/** Acted against perceived, counted clip by clip: overall and per annotator. */
class ActedCounts {
  private clips = 0;
  private majorityRight = 0;
  private readonly overall: Int32Array;
  private readonly perAnnotator: Int32Array;

  constructor(
    private readonly raters: number,
    private readonly k: number,
  ) {
    this.overall = new Int32Array(k * k);
    this.perAnnotator = new Int32Array(raters * k * k);
  }

  add(it: Indexed): void {
    const { k } = this;
    this.clips++;
    for (let i = 0; i < it.who.length; i++) {
      this.overall[it.intended * k + it.label[i]]++;
      this.perAnnotator[it.who[i] * k * k + it.intended * k + it.label[i]]++;
    }
    // The majority matches the acted emotion when that label alone has the most votes.
    let other = 0;
    for (let c = 0; c < k; c++) if (c !== it.intended) other = Math.max(other, it.counts[c]);
    if (it.counts[it.intended] > other) this.majorityRight++;
  }

  report(names: readonly string[], labels: readonly string[]): ActedAgreement | null {
    if (this.clips === 0) return null;
    const { k } = this;
    const overall = tableOf(this.overall, 0, k);
    return {
      clips: this.clips,
      ratings: sum(overall),
      observed: share(overall),
      kappa: cohenKappaOf(overall),
      majorityObserved: this.majorityRight / this.clips,
      perAnnotator: names.map((annotator, a) => {
        const own = tableOf(this.perAnnotator, a * k * k, k);
        return { annotator, ratings: sum(own), observed: share(own), kappa: cohenKappaOf(own) };
      }),
      confusion: labels.length === 0 ? [] : overall,
    };
  }
}

function tableOf(flat: Int32Array, at: number, k: number): number[][] {
  return Array.from({ length: k }, (_, r) => Array.from(flat.subarray(at + r * k, at + (r + 1) * k)));
}

function sum(table: number[][]): number {
  return table.reduce((s, row) => s + row.reduce((t, x) => t + x, 0), 0);
}

function share(table: number[][]): number | null {
  const n = sum(table);
  return n ? table.reduce((s, row, i) => s + row[i], 0) / n : null;
}

/** The label set's order first, then any other label seen, alphabetically. */
function labelOrder(seen: ReadonlySet<string>, labelSet: readonly string[]): string[] {
  const known = labelSet.filter((l) => seen.has(l));
  const rest = [...seen].filter((l) => !labelSet.includes(l)).sort();
  return [...known, ...rest];
}
