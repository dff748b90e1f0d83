import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { computeMetrics } from '../../metrics/index.js';
import { confusionMatrixSvg } from '../confusion-svg.js';
import { reportWarnings } from '../derived-warnings.js';
import { summariseFolds } from '../fold-summary.js';
import { renderReportHtml, reportTitle } from '../html-document.js';
import { metricsJson } from '../metrics-json.js';
import { predictionsCsv } from '../predictions-csv.js';
import { canRenderText, svgToPng } from './svg-to-png.js';
import type { ReportInput, ReportResult } from '../types.js';

export const REPORT_FILE_NAMES = {
  html: 'report.html',
  svg: 'confusion_matrix.svg',
  png: 'confusion_matrix.png',
  metricsJson: 'metrics.json',
  predictionsCsv: 'predictions.csv',
} as const;

/**
 * Writes the report folder. Everything is rendered in memory first and each file lands by rename,
 * so a failure leaves no half-written report. Other files already in `dir` are left alone.
 */
export async function writeReport(dir: string, input: ReportInput): Promise<ReportResult> {
  const metrics = computeMetrics(input.predictions, input.labels);
  const knownMetrics = input.known ? computeMetrics(input.known.predictions, input.labels) : null;
  const folds = summariseFolds(input.predictions, metrics.labels);
  // Rendering the PNG without fonts would drop every label; say so rather than ship a mute image.
  const fontWarnings = canRenderText()
    ? []
    : ['No system font was found, so confusion_matrix.png has no text: install fonts-dejavu-core.'];
  const warnings = [...reportWarnings(input, metrics, folds), ...fontWarnings];

  const svg = confusionMatrixSvg(metrics, { title: reportTitle(input) });
  const contents: Record<keyof typeof REPORT_FILE_NAMES, string | Buffer> = {
    html: renderReportHtml(input, metrics, { extraWarnings: fontWarnings, knownMetrics }),
    svg,
    png: svgToPng(svg),
    metricsJson: JSON.stringify(metricsJson(input, metrics, folds, warnings, knownMetrics), null, 2) + '\n',
    predictionsCsv: predictionsCsv(input.predictions, metrics.labels, input.known?.predictions),
  };

  await mkdir(dir, { recursive: true });
  const paths = {} as Record<keyof typeof REPORT_FILE_NAMES, string>;
  for (const key of Object.keys(REPORT_FILE_NAMES) as Array<keyof typeof REPORT_FILE_NAMES>) {
    const path = join(dir, REPORT_FILE_NAMES[key]);
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, contents[key]);
    await rename(temp, path);
    paths[key] = path;
  }
  return { dir, ...paths, metrics, knownMetrics, warnings };
}
