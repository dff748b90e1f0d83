// The agreement report's pair table: each pair of annotators' clips in common, observed agreement, Cohen's
// kappa and confusion table. Every pair of a clip's annotators is counted once (twice when the table must
// choose its pairs), so the work grows with the annotations, never with the pairs times the clips.
import type { PairAgreement } from '../../common/contract.js';
import type { Indexed, WorkMeter } from './indexed.js';
import { cohenKappaOf } from './kappa.js';
import { PairCounts } from './pair-counts.js';

type Steps<T> = Generator<number, T, void>;

/** The `limit` pairs with the most clips in common, and how many other pairs have any. */
function* mostShared(
  clips: readonly Indexed[],
  annotators: number,
  limit: number,
  meter: WorkMeter,
): Steps<{ pairs: number[]; leftOut: number }> {
  const counts = new PairCounts(annotators);
  for (const it of clips) {
    const n = it.who.length;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) counts.add(it.who[i], it.who[j]);
      yield meter.add(n - 1 - i);
    }
  }
  const pairs = counts.most(limit);
  return { pairs, leftOut: counts.nonZero() - pairs.length };
}

/** Each chosen pair's confusion table, k x k, flat and one after the other in `pairs` order. */
function* pairConfusions(
  clips: readonly Indexed[],
  annotators: number,
  pairs: readonly number[],
  k: number,
  meter: WorkMeter,
): Steps<Int32Array> {
  const slot = new PairCounts(annotators);
  pairs.forEach((p, s) => slot.setAt(p, s + 1));
  const confusion = new Int32Array(pairs.length * k * k);
  for (const it of clips) {
    const n = it.who.length;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        const s = slot.get(it.who[i], it.who[j]) - 1;
        if (s >= 0) confusion[s * k * k + it.label[i] * k + it.label[j]]++;
      }
      yield meter.add(n - 1 - i);
    }
  }
  return confusion;
}

function pairRow(a: string, b: string, table: number[][]): PairAgreement {
  let clips = 0;
  let agree = 0;
  table.forEach((row, r) =>
    row.forEach((count, c) => {
      clips += count;
      if (r === c) agree += count;
    }),
  );
  return {
    a,
    b,
    clips,
    observed: clips ? agree / clips : null,
    kappa: cohenKappaOf(table),
    confusion: table.length === 0 ? [] : table,
  };
}

/** The pair table: every pair while they are few (`choose` false), else those with the most clips in common. */
export function* pairTable(
  clips: readonly Indexed[],
  names: readonly string[],
  k: number,
  choose: { limit: number } | false,
  meter: WorkMeter,
): Steps<{ listed: PairAgreement[]; leftOut: number }> {
  const every = new PairCounts(names.length);
  const chosen = choose
    ? yield* mostShared(clips, names.length, choose.limit, meter)
    : { pairs: Array.from({ length: every.pairs }, (_, p) => p), leftOut: 0 };
  const confusion = yield* pairConfusions(clips, names.length, chosen.pairs, k, meter);
  const listed: PairAgreement[] = [];
  for (const [s, p] of chosen.pairs.entries()) {
    const [i, j] = every.pairAt(p);
    const table = Array.from({ length: k }, (_, r) =>
      Array.from(confusion.subarray(s * k * k + r * k, s * k * k + (r + 1) * k)),
    );
    listed.push(pairRow(names[i], names[j], table));
    yield meter.share();
  }
  return { listed, leftOut: chosen.leftOut };
}
