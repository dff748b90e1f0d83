import type {
  ActedAgreement,
  AgreementReport,
  ClassAgreement,
  PairAgreement,
  TieRule,
} from '../../common/contract.js';
import { consensusLabel, type AgreementItem, type Annotation } from '../dataset/consensus.js';
import { AlphaSums, cohenKappaOf, FleissSums } from './kappa.js';
import { PairCounts } from './pair-counts.js';

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

/** A clip by index: its annotators (by their index in the sorted names, ascending) and their labels. */
interface Indexed {
  who: Int32Array;
  label: Int32Array;
  /** Labels per category (labels order). */
  counts: Int32Array;
  intended: number;
  /** Its annotators' labels as words, for the tie rule. */
  annotations: readonly Annotation[];
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
): Generator<number, AgreementReport, void> {
  // Who said what, a clip at a time: the first few hundredths of the work.
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
  const labels = labelOrder(seen, labelSet);
  const L = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const annotators = [...perAnnotator.keys()].sort();
  const A = annotators.length;
  const annotatorIndex = new Map(annotators.map((n, i) => [n, i]));
  const choosing = (A * (A - 1)) / 2 > MAX_PAIRS;
  // The rest in work units: an annotation when indexed, in the clips' pass and in each class's
  // coefficients; a pair of a clip's annotators in each pair pass.
  const total = Math.max(1, annotations * (L + 3) + pairings * (choosing ? 2 : 1));
  let done = 0;
  const progress = (): number => FIRST_SHARE + ((1 - FIRST_SHARE) * Math.min(done, total)) / total;

  const annotated: Indexed[] = [];
  for (const it of items) {
    if (it.annotations.length === 0) continue;
    annotated.push(indexed(it));
    done += it.annotations.length;
    yield progress();
  }
  const compared = annotated.filter((it) => it.who.length >= 2);

  function indexed(it: AgreementItem): Indexed {
    const order = it.annotations
      .map((a) => ({
        who: annotatorIndex.get(a.annotator) as number,
        label: labelIndex.get(a.label) as number,
      }))
      .sort((x, y) => x.who - y.who);
    const counts = new Int32Array(L);
    for (const o of order) counts[o.label]++;
    return {
      who: Int32Array.from(order, (o) => o.who),
      label: Int32Array.from(order, (o) => o.label),
      counts,
      intended: it.intended === null ? -1 : (labelIndex.get(it.intended) ?? -1),
      annotations: it.annotations,
    };
  }

  // The clips' own figures, and acted against perceived, in one pass.
  let disagreeing = 0;
  let tied = 0;
  let pairAgree = 0;
  const ratingsOf = new Int32Array(L);
  const acted = new ActedCounts(A, L);
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
    done += m;
    yield progress();
  }

  const overall = yield* coefficients(compared, A, null);
  const perClass: ClassAgreement[] = [];
  for (let c = 0; c < L; c++) {
    const k = yield* coefficients(compared, A, c);
    perClass.push({ label: labels[c], kappa: k.kappa, alpha: k.alpha, ratings: ratingsOf[c] });
  }

  const pairs = yield* pairTable(compared, annotators, L);

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
    pairs: pairs.listed,
    pairsLeftOut: pairs.leftOut,
    acted: acted.report(annotators, labels),
    tieRule,
  };

  /**
   * Kappa and alpha over the categories (`only` null), or over "category `only` or not". Two annotators:
   * Cohen's kappa on the clips both labelled; more: Fleiss' on the clips all of them labelled.
   */
  function* coefficients(
    clips: readonly Indexed[],
    raters: number,
    only: number | null,
  ): Generator<number, Pick<AgreementReport, 'method' | 'kappa' | 'kappaClips' | 'alpha'>, void> {
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
      done += it.who.length;
      yield progress();
    }
    const a = alpha.value();
    if (raters < 2) return { method: null, kappa: null, kappaClips: 0, alpha: a };
    if (raters === 2)
      return { method: 'cohen', kappa: cohenKappaOf(both), kappaClips: clips.length, alpha: a };
    return { method: 'fleiss', kappa: fleiss.value()?.kappa ?? null, kappaClips: complete, alpha: a };
  }

  /** The pair table: every pair while they are few, else those with the most clips in common. */
  function* pairTable(
    clips: readonly Indexed[],
    names: readonly string[],
    k: number,
  ): Generator<number, { listed: PairAgreement[]; leftOut: number }, void> {
    const counts = new PairCounts(names.length);
    let chosen: number[];
    let leftOut = 0;
    if (!choosing) {
      chosen = Array.from({ length: counts.pairs }, (_, p) => p);
    } else {
      for (const it of clips) {
        const n = it.who.length;
        for (let i = 0; i < n - 1; i++) {
          for (let j = i + 1; j < n; j++) counts.add(it.who[i], it.who[j]);
          done += n - 1 - i;
          yield progress();
        }
      }
      chosen = counts.most(MAX_PAIRS);
      leftOut = counts.nonZero() - chosen.length;
    }
    const slot = new PairCounts(names.length);
    chosen.forEach((p, s) => slot.setAt(p, s + 1));
    const confusion = new Int32Array(chosen.length * k * k);
    for (const it of clips) {
      const n = it.who.length;
      for (let i = 0; i < n - 1; i++) {
        for (let j = i + 1; j < n; j++) {
          const s = slot.get(it.who[i], it.who[j]) - 1;
          if (s >= 0) confusion[s * k * k + it.label[i] * k + it.label[j]]++;
        }
        done += n - 1 - i;
        yield progress();
      }
    }
    const listed: PairAgreement[] = [];
    for (const [s, p] of chosen.entries()) {
      const [i, j] = slot.pairAt(p);
      const table = Array.from({ length: k }, (_, r) =>
        Array.from(confusion.subarray(s * k * k + r * k, s * k * k + (r + 1) * k)),
      );
      let clipCount = 0;
      let agree = 0;
      for (let r = 0; r < k; r++)
        for (let c = 0; c < k; c++) {
          clipCount += table[r][c];
          if (r === c) agree += table[r][c];
        }
      listed.push({
        a: names[i],
        b: names[j],
        clips: clipCount,
        observed: clipCount ? agree / clipCount : null,
        kappa: cohenKappaOf(table),
        confusion: k === 0 ? [] : table,
      });
      yield progress();
    }
    return { listed, leftOut };
  }
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
