// npx tsx bench/auto-rules.ts DUMP_DIR
// Replays rules for 'auto' on the per-fold inner scores and held-out predictions that
// `bench/accuracy.ts --recipe auto --dump DIR` saved, without training again: for each corpus, the macro F1
// (mean [min-max] over seeds) the held-out speakers would get under each rule, beside the default's.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_RECIPE, FIXED_RECIPES, type FixedRecipe } from '../src/common/options.js';
import { computeMetrics, type PredictionRow } from '../src/core/metrics/index.js';
import { AUTO_MARGIN, pickRecipe } from '../src/core/model/recipe/auto-rule.js';
import type { FoldChoice } from '../src/core/model/recipe/node/auto-choice.js';

interface Dump {
  corpus: string;
  seed: number;
  labels: string[];
  choices: FoldChoice[];
  side: Record<FixedRecipe, PredictionRow[]>;
}

type Rule = (c: FoldChoice) => FixedRecipe;
const RULES: Record<string, Rule> = {
  default: () => DEFAULT_RECIPE,
  'best inner': ({ inner }) =>
    inner ? FIXED_RECIPES.reduce((b, r) => (inner[r] > inner[b] ? r : b), DEFAULT_RECIPE) : DEFAULT_RECIPE,
  [`margin ${AUTO_MARGIN}`]: (c) => (c.inner ? pickRecipe(c.inner) : DEFAULT_RECIPE),
  [`margin ${AUTO_MARGIN} + every inner fold (product)`]: (c) =>
    c.inner ? pickRecipe(c.inner, c.innerFolds ?? undefined) : DEFAULT_RECIPE,
};

function scoreOf(d: Dump, rule: Rule): number {
  const chosen = new Map(d.choices.map((c) => [c.fold, rule(c)]));
  const rows = FIXED_RECIPES.flatMap((r) =>
    d.side[r].filter((p) => (chosen.get(p.fold ?? 0) ?? DEFAULT_RECIPE) === r),
  );
  return computeMetrics(rows, d.labels).macro_f1;
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: bench/auto-rules.ts DUMP_DIR');
const dumps = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Dump);
const corpora = [...new Set(dumps.map((d) => d.corpus))].sort();
for (const corpus of corpora) {
  const runs = dumps.filter((d) => d.corpus === corpus).sort((a, b) => a.seed - b.seed);
  const out: Record<string, unknown> = { bench: 'auto-rules', corpus, seeds: runs.map((d) => d.seed) };
  for (const [name, rule] of Object.entries(RULES)) {
    const xs = runs.map((d) => scoreOf(d, rule));
    const r4 = (x: number) => +x.toFixed(4);
    out[name] = {
      mean: r4(xs.reduce((a, b) => a + b, 0) / xs.length),
      min: r4(Math.min(...xs)),
      max: r4(Math.max(...xs)),
      away_from_default: runs.flatMap((d) => d.choices.map(rule)).filter((r) => r !== DEFAULT_RECIPE).length,
    };
  }
  console.log(JSON.stringify(out));
}
