import type { RecipeComparison } from '../../common/contract.js';
import { innerScoresText } from '../../common/recipe-choice.js';
import { RECIPE_DESCRIPTIONS, RECIPE_NAMES } from '../../common/options.js';
import { escapeXml, formatScore } from './format.js';

/**
 * The CNN beside the classic baseline (and their fusion), trained on the same folds, so a reader sees at
 * once whether the deep model earns its keep; for 'auto', what each fold chose and the inner scores.
 */
export function comparisonSection(c: RecipeComparison | undefined, labels: readonly string[]): string {
  if (!c || c.models.length === 0) return '';
  const head = `<tr><th scope="col">Model</th><th scope="col">Macro F1</th><th scope="col">UAR</th><th scope="col">Accuracy</th>${labels
    .map((l) => `<th scope="col">F1 ${escapeXml(l)}</th>`)
    .join('')}</tr>`;
  const rows = c.models
    .map((m) => {
      const used = m.model === c.finalRecipe && c.recipe !== 'auto' ? ' <b>(this run)</b>' : '';
      return `<tr><th scope="row">${escapeXml(RECIPE_NAMES[m.model])}${used}</th><td>${formatScore(m.macro_f1)}</td><td>${formatScore(m.uar)}</td><td>${formatScore(m.accuracy)}</td>${labels
        .map((l) => `<td>${formatScore(m.per_class[l]?.f1 ?? 0)}</td>`)
        .join('')}</tr>`;
    })
    .join('\n');
  const choices =
    c.choices.length === 0
      ? ''
      : `<table><caption>Recipe chosen in each fold, by an inner cross-validation on that fold's training speakers only</caption>
<tr><th scope="col">Fold</th><th scope="col">Test speakers</th><th scope="col">Chosen</th><th scope="col">Inner macro F1 (in each inner fold)</th></tr>
${c.choices
  .map(
    (ch) =>
      `<tr><td>${ch.fold + 1}</td><td>${escapeXml(ch.testSpeakers.join(', '))}</td><td>${escapeXml(ch.chosen)}</td><td>${escapeXml(innerScoresText(ch))}</td></tr>`,
  )
  .join('\n')}
</table>`;
  return `<section aria-labelledby="h-comparison">
<h2 id="h-comparison">CNN beside the classic baseline</h2>
<p>Recipe: <b>${escapeXml(c.recipe)}</b> (${escapeXml(RECIPE_DESCRIPTIONS[c.recipe])})${c.recipe === 'auto' ? `; the saved model uses <b>${escapeXml(c.finalRecipe)}</b>, the choice of most folds` : ''}. ${
    c.speakerNorm
      ? 'Every speaker’s clips were standardised by that speaker’s own statistics (no labels used), held-out speakers included.'
      : 'Features were standardised over the training clips, not per speaker.'
  } The classic baseline is a logistic regression on each clip’s MFCC and log-mel statistics; all models were scored on the same held-out speakers.</p>
<table><caption>Held-out scores of each model on the same folds</caption>
${head}
${rows}
</table>
${choices}
</section>`;
}
