import { innerScoresText } from '../common/recipe-choice.js';
import type { RecipeComparison } from '../common/contract.js';
import { RECIPE_NAMES } from '../common/options.js';

/**
 * The CNN beside the classic baseline (and their fusion), as aligned terminal lines. `basis` says what they
 * were scored on alike: a run's folds, or the clips a saved model was evaluated on.
 */
export function comparisonLines(c: RecipeComparison, basis: 'folds' | 'clips' = 'folds'): string[] {
  const labels = Object.keys(c.models[0]?.per_class ?? {});
  const nameWidth = Math.max(...Object.values(RECIPE_NAMES).map((n) => n.length)) + 2;
  const withKnown = c.models.some((m) => m.known_macro_f1 !== undefined);
  const header = [
    'macro F1',
    ...(withKnown ? ['known'] : []),
    'UAR',
    'accuracy',
    ...labels.map((l) => `F1 ${l}`),
  ];
  const widths = header.map((h) => Math.max(8, h.length));
  const lines = [
    `same ${basis}, side by side (recipe ${c.recipe}${c.recipe === 'auto' ? `, saved model: ${c.finalRecipe}` : ''}; ` +
      `a new voice's scores${withKnown ? ', and macro F1 with the voice known' : ''}):`,
    `${''.padEnd(nameWidth)}${header.map((h, i) => h.padStart(widths[i])).join(' ')}`,
  ];
  for (const m of c.models) {
    const values = [
      m.macro_f1,
      ...(withKnown ? [m.known_macro_f1 ?? NaN] : []),
      m.uar,
      m.accuracy,
      ...labels.map((l) => m.per_class[l]?.f1 ?? 0),
    ];
    const mark = m.model === c.finalRecipe && c.recipe !== 'auto' ? ' *' : '';
    lines.push(
      `${(RECIPE_NAMES[m.model] + mark).padEnd(nameWidth)}${values.map((v, i) => (Number.isFinite(v) ? v.toFixed(3) : '--').padStart(widths[i])).join(' ')}`,
    );
  }
  for (const ch of c.choices)
    lines.push(
      `fold ${ch.fold + 1} (${ch.testSpeakers.join(', ')}): ${ch.chosen} (${
        ch.inner ? `inner macro F1: ${innerScoresText(ch, ', ')}` : ch.reason
      })`,
    );
  return lines;
}
