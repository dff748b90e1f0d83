export type {
  DatasetSummary,
  EpochPoint,
  FoldCurves,
  ReportFiles,
  ReportInput,
  ReportResult,
} from '../types.js';
export { writeReport, REPORT_FILE_NAMES } from './write-report.js';
export { confusionMatrixSvg } from '../confusion-svg.js';
export { renderReportHtml } from '../html-document.js';
export { predictionsCsv, csvField } from '../predictions-csv.js';
export { svgToPng, canRenderText } from './svg-to-png.js';
export { lineChartSvg } from '../line-chart-svg.js';
export type { ChartSeries, LineChartOptions } from '../line-chart-svg.js';
