/**
 * Train/validation/test partitions for speaker-independent evaluation: a speaker's clips always land in one
 * part, since a model that has heard a speaker scores far better on them than on a stranger.
 * Pure functions of the rows and a seed.
 */
import { createRng, type Rng } from '../util/random.js';

export interface SplitRow {
  id: number;
  speaker: string;
  label: string;
}

export interface SplitFractions {
  train: number;
  val: number;
  test: number;
}

export interface DatasetSplit {
  train: number[];
  val: number[];
  test: number[];
  speakers: { train: string[]; val: string[]; test: string[] };
  /** True when one speaker may appear in several parts (random split): scores will be optimistic. */
  leaksSpeakers: boolean;
  warning?: string;
}

export interface Fold {
  fold: number;
  train: number[];
  /** Speakers held out from training for early stopping: a part of the training speakers, never a test one. */
  val: number[];
  test: number[];
  testSpeakers: string[];
  valSpeakers: string[];
}

export interface FoldOptions {
  seed?: number;
  /** Share of the training clips (whole speakers) kept for validation; 0 for none. Default 0.15. */
  valFraction?: number;
}

export const DEFAULT_FRACTIONS: SplitFractions = { train: 0.7, val: 0.15, test: 0.15 };

/** The one wording of the random split's caveat: training's messages, the report and the Evaluate screen. */
export const RANDOM_SPLIT_WARNING =
  'Random split: the same speakers appear in training and test, so these scores overstate how the model does on speakers it has never heard.';

interface SpeakerGroup {
  speaker: string;
  ids: number[];
  labels: Map<string, number>;
}

function groupBySpeaker(rows: readonly SplitRow[]): SpeakerGroup[] {
  const bySpeaker = new Map<string, SpeakerGroup>();
  for (const r of rows) {
    let g = bySpeaker.get(r.speaker);
    if (!g) {
      g = { speaker: r.speaker, ids: [], labels: new Map() };
      bySpeaker.set(r.speaker, g);
    }
    g.ids.push(r.id);
    g.labels.set(r.label, (g.labels.get(r.label) ?? 0) + 1);
  }
  // Sorted first, so the result depends on the seed and the rows, not on their order.
  return [...bySpeaker.values()].sort((a, b) => (a.speaker < b.speaker ? -1 : a.speaker > b.speaker ? 1 : 0));
}

function normalised(f: SplitFractions): SplitFractions {
  const sum = f.train + f.val + f.test;
  if (!(sum > 0) || f.train < 0 || f.val < 0 || f.test < 0)
    throw new Error('split fractions must be >= 0 and not all 0');
  return { train: f.train / sum, val: f.val / sum, test: f.test / sum };
}

const PARTS = ['test', 'val', 'train'] as const;
type Part = (typeof PARTS)[number];

/**
 * Deals whole speakers into parts (filled in the given order, the last one taking the rest) so each part is
 * close to its share of the clips and, above all, holds every label where the speakers allow it. Tries many
 * seeded speaker orders and keeps the best.
 */
function dealSpeakers(
  groups: readonly SpeakerGroup[],
  parts: ReadonlyArray<{ name: Part; fraction: number }>,
  rng: Rng,
  attempts: number,
): Record<Part, SpeakerGroup[]> {
  const total = groups.reduce((s, g) => s + g.ids.length, 0);
  const allLabels = new Set(groups.flatMap((g) => [...g.labels.keys()]));
  let best: { score: number; dealt: Record<Part, SpeakerGroup[]> } | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const order = rng.shuffle([...groups]);
    const dealt: Record<Part, SpeakerGroup[]> = { test: [], val: [], train: [] };
    let next = 0;
    parts.forEach(({ name, fraction }, i) => {
      if (i === parts.length - 1) {
        dealt[name] = order.slice(next);
        return;
      }
      const target = fraction * total;
      const reserve = parts.length - i - 1; // one speaker at least for each part still to fill
      let count = 0;
      while (next < order.length - reserve) {
        const n = order[next].ids.length;
        if (count > 0 && Math.abs(count + n - target) >= Math.abs(count - target)) break;
        dealt[name].push(order[next++]);
        count += n;
      }
    });
    let score = 0;
    for (const { name, fraction } of parts) {
      const count = dealt[name].reduce((s, g) => s + g.ids.length, 0);
      score += Math.abs(count / total - fraction);
      // A part lacking a label can't learn or measure it: that outweighs any imbalance of sizes.
      for (const label of allLabels) if (!dealt[name].some((g) => g.labels.has(label))) score += 1;
    }
    if (!best || score < best.score) best = { score, dealt };
  }
  return best!.dealt;
}

/**
 * Train/validation/test with disjoint speakers, close to the fractions by clip count, with every label in
 * every part where the speakers allow it. Three speakers give one each; two give train and test only.
 * A fraction of 0 leaves that part empty.
 */
export function speakerSplit(
  rows: readonly SplitRow[],
  opts: { seed?: number; fractions?: SplitFractions; attempts?: number } = {},
): DatasetSplit {
  const groups = groupBySpeaker(rows);
  if (groups.length < 2) throw new Error('a speaker-independent split needs at least two speakers');
  const f = normalised(opts.fractions ?? DEFAULT_FRACTIONS);
  // A part asked to be empty gets no speaker; with two speakers there is none to spare for validation.
  let parts = PARTS.filter((name) => name === 'train' || f[name] > 0).map((name) => ({
    name,
    fraction: f[name],
  }));
  if (groups.length === 2 && parts.length === 3) {
    parts = [
      { name: 'test', fraction: f.test },
      { name: 'train', fraction: f.train + f.val },
    ];
  }
  const dealt = dealSpeakers(groups, parts, createRng(opts.seed ?? 0), opts.attempts ?? 300);
  const ids = (p: Part): number[] => dealt[p].flatMap((g) => g.ids).sort((a, b) => a - b);
  const names = (p: Part): string[] => dealt[p].map((g) => g.speaker).sort();
  return {
    train: ids('train'),
    val: ids('val'),
    test: ids('test'),
    speakers: { train: names('train'), val: names('val'), test: names('test') },
    leaksSpeakers: false,
  };
}

/**
 * k folds of whole speakers, balanced by clip count (largest speakers first, each to the smallest fold).
 * Every clip is in exactly one test fold.
 */
export function speakerKFold(rows: readonly SplitRow[], k: number, opts: FoldOptions = {}): Fold[] {
  const groups = groupBySpeaker(rows);
  if (!Number.isInteger(k) || k < 2) throw new Error('k-fold needs k >= 2');
  if (groups.length < k)
    throw new Error(`${k} folds need at least ${k} speakers; there are ${groups.length}`);
  const order = createRng(opts.seed ?? 0)
    .shuffle([...groups])
    .sort((a, b) => b.ids.length - a.ids.length);
  const folds: SpeakerGroup[][] = Array.from({ length: k }, () => []);
  const sizes = new Array<number>(k).fill(0);
  for (const g of order) {
    let smallest = 0;
    for (let i = 1; i < k; i++) if (sizes[i] < sizes[smallest]) smallest = i;
    folds[smallest].push(g);
    sizes[smallest] += g.ids.length;
  }
  return folds.map((test, i) =>
    makeFold(
      i,
      test,
      groups.filter((g) => !test.includes(g)),
      opts,
    ),
  );
}

/** One fold per speaker, in speaker order: the strictest speaker-independent estimate. */
export function leaveOneSpeakerOut(rows: readonly SplitRow[], opts: FoldOptions = {}): Fold[] {
  const groups = groupBySpeaker(rows);
  if (groups.length < 2) throw new Error('leave-one-speaker-out needs at least two speakers');
  return groups.map((g, i) =>
    makeFold(
      i,
      [g],
      groups.filter((o) => o !== g),
      opts,
    ),
  );
}

function makeFold(fold: number, test: SpeakerGroup[], rest: SpeakerGroup[], opts: FoldOptions): Fold {
  const valFraction = opts.valFraction ?? 0.15;
  let val: SpeakerGroup[] = [];
  let train = rest;
  if (valFraction > 0 && rest.length >= 2) {
    // The speakers that best fit the fraction and cover the labels; the fold's own seed breaks ties.
    const dealt = dealSpeakers(
      rest,
      [
        { name: 'val', fraction: valFraction },
        { name: 'train', fraction: 1 - valFraction },
      ],
      createRng((opts.seed ?? 0) + 7919 * (fold + 1)),
      100,
    );
    val = dealt.val;
    train = dealt.train;
  }
  const ids = (gs: SpeakerGroup[]): number[] => gs.flatMap((g) => g.ids).sort((a, b) => a - b);
  return {
    fold,
    train: ids(train),
    val: ids(val),
    test: ids(test),
    testSpeakers: test.map((g) => g.speaker).sort(),
    valSpeakers: val.map((g) => g.speaker).sort(),
  };
}

/**
 * A stratified random split of clips, ignoring speakers. Only for when the user asks: the same voices end up
 * in training and test, so the scores are optimistic; the result carries a warning saying so.
 */
export function randomSplit(
  rows: readonly SplitRow[],
  opts: { seed?: number; fractions?: SplitFractions } = {},
): DatasetSplit {
  const fractions = normalised(opts.fractions ?? DEFAULT_FRACTIONS);
  const rng = createRng(opts.seed ?? 0);
  const byLabel = new Map<string, number[]>();
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    const list = byLabel.get(r.label) ?? [];
    list.push(r.id);
    byLabel.set(r.label, list);
  }
  const out: Record<Part, number[]> = { train: [], val: [], test: [] };
  for (const label of [...byLabel.keys()].sort()) {
    const ids = rng.shuffle(byLabel.get(label)!);
    const nTest = Math.round(ids.length * fractions.test);
    const nVal = Math.round(ids.length * fractions.val);
    out.test.push(...ids.slice(0, nTest));
    out.val.push(...ids.slice(nTest, nTest + nVal));
    out.train.push(...ids.slice(nTest + nVal));
  }
  const speakerOf = new Map(rows.map((r) => [r.id, r.speaker]));
  const names = (ids: number[]): string[] => [...new Set(ids.map((id) => speakerOf.get(id)!))].sort();
  const sorted = (ids: number[]): number[] => ids.sort((a, b) => a - b);
  return {
    train: sorted(out.train),
    val: sorted(out.val),
    test: sorted(out.test),
    speakers: { train: names(out.train), val: names(out.val), test: names(out.test) },
    leaksSpeakers: true,
    warning: RANDOM_SPLIT_WARNING,
  };
}
