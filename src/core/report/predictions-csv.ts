import type { PredictionRow } from '../metrics/index.js';
import { neutraliseFormula } from '../util/spreadsheet-cell.js';

/** Probabilities keep six decimals: exact enough to re-rank, short enough to read in a spreadsheet. */
const PROBABILITY_DECIMALS = 6;

/**
 * predictions.csv (RFC 4180, CRLF, UTF-8): file, speaker, label, predicted, confidence, one
 * prob_<label> column per class in label order (a new voice's), then fold when the run had folds, then the
 * known-voice prediction and confidence when the clips were scored that way too (`known`, in `rows` order).
 */
export function predictionsCsv(
  rows: readonly PredictionRow[],
  labels: readonly string[],
  known?: readonly PredictionRow[],
): string {
  const withFold = rows.some((r) => r.fold !== undefined);
  const knownOf = new Map((known ?? []).map((k) => [k.clipId ?? k.file, k]));
  const header = ['file', 'speaker', 'label', 'predicted', 'confidence', ...labels.map((l) => `prob_${l}`)];
  if (withFold) header.push('fold');
  if (known) header.push('known_voice_predicted', 'known_voice_confidence');
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    if (row.probs.length !== labels.length) {
      throw new Error(
        `predictionsCsv: ${row.file} has ${row.probs.length} probabilities for ${labels.length} labels`,
      );
    }
    const fields = [
      row.file,
      row.speaker,
      row.label,
      row.predicted,
      probability(row.confidence),
      ...row.probs.map(probability),
    ];
    if (withFold) fields.push(row.fold === undefined ? '' : String(row.fold));
    if (known) {
      const k = knownOf.get(row.clipId ?? row.file);
      fields.push(k?.predicted ?? '', k ? probability(k.confidence) : '');
    }
    lines.push(fields.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * Quotes a field when it holds a comma, quote, line break or edge space, doubling inner quotes; a text that
 * a spreadsheet would run as a formula is neutralised first.
 */
export function csvField(value: string): string {
  const v = neutraliseFormula(value);
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function probability(p: number): string {
  return Number.isFinite(p) ? String(Number(p.toFixed(PROBABILITY_DECIMALS))) : '';
}
