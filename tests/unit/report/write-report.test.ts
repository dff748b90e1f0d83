import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../../src/core/report/node/index.js';
import type { ReportResult } from '../../../src/core/report/node/index.js';
import { parseCsv } from './csv-parse.js';
import { EMODB7_CONFUSION, EMODB7_LABELS, emodbReportInput } from './fixture.js';
import { pngSize } from './png.js';

// emodb7 fusion run of baselines.jsonl, whose confusion matrix the fixture reproduces
const BASELINE = { accuracy: 0.7271028037383177, macro_f1: 0.715558857353556, uar: 0.7176403823303547 };
const FILES = [
  'confusion_matrix.png',
  'confusion_matrix.svg',
  'metrics.json',
  'predictions.csv',
  'report.html',
];

let root: string;
let result: ReportResult;
let json: Record<string, unknown>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ser-report-'));
  result = await writeReport(join(root, 'nested', 'report'), emodbReportInput());
  json = JSON.parse(await readFile(result.metricsJson, 'utf8')) as Record<string, unknown>;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeReport', () => {
  it('creates the folder with exactly the five report files and returns their paths', async () => {
    expect((await readdir(result.dir)).sort()).toEqual(FILES);
    expect(result.html).toBe(join(result.dir, 'report.html'));
    expect(result.svg).toBe(join(result.dir, 'confusion_matrix.svg'));
    expect(result.png).toBe(join(result.dir, 'confusion_matrix.png'));
    expect(result.metricsJson).toBe(join(result.dir, 'metrics.json'));
    expect(result.predictionsCsv).toBe(join(result.dir, 'predictions.csv'));
  });

  it('writes metrics.json with the required keys and the reference values', () => {
    for (const key of ['accuracy', 'macro_f1', 'uar', 'labels', 'per_class', 'confusion', 'split', 'folds']) {
      expect(json).toHaveProperty(key);
    }
    for (const key of ['backend', 'clips', 'speakers', 'per_speaker', 'confusion_normalised', 'created_at']) {
      expect(json).toHaveProperty(key);
    }
    expect(Math.abs((json.accuracy as number) - BASELINE.accuracy)).toBeLessThan(1e-9);
    expect(Math.abs((json.macro_f1 as number) - BASELINE.macro_f1)).toBeLessThan(1e-9);
    expect(Math.abs((json.uar as number) - BASELINE.uar)).toBeLessThan(1e-9);
    expect(json.labels).toEqual(EMODB7_LABELS);
    expect(json.confusion).toEqual(EMODB7_CONFUSION);
    expect(json.split).toBe('loso');
    expect(json.folds).toBe(10);
    expect(json.backend).toBe('wasm (SIMD, 1 thread)');
    expect(json.clips).toBe(535);
    expect(json.speakers).toBe(10);
    expect(json.created_at).toBe('2025-11-25T12:54:00.000Z');
  });

  it('writes per-class scores in metrics.json as computed from the confusion matrix', () => {
    const perClass = json.per_class as Record<
      string,
      { precision: number; recall: number; f1: number; support: number }
    >;
    expect(Object.keys(perClass)).toEqual(EMODB7_LABELS);
    // happy: 27 right of 71; predicted happy 27+1+18+5 = 51 times
    expect(perClass.happy.support).toBe(71);
    expect(perClass.happy.recall).toBeCloseTo(27 / 71, 12);
    expect(perClass.happy.precision).toBeCloseTo(27 / 51, 12);
    expect(perClass.happy.f1).toBeCloseTo((2 * 27) / (71 + 51), 12);
  });

  it('returns the same metrics it wrote', () => {
    expect(result.metrics.accuracy).toBe(json.accuracy);
    expect(result.metrics.per_speaker).toEqual(json.per_speaker);
    expect(result.warnings).toEqual(json.warnings);
  });

  it('writes predictions.csv with one record per prediction', async () => {
    const [header, ...records] = parseCsv(await readFile(result.predictionsCsv, 'utf8'));
    expect(header.slice(0, 5)).toEqual(['file', 'speaker', 'label', 'predicted', 'confidence']);
    expect(records).toHaveLength(535);
    const input = emodbReportInput();
    expect(records[100][0]).toBe(input.predictions[100].file);
    expect(records[100][3]).toBe(input.predictions[100].predicted);
  });

  it('renders a PNG of the matrix at twice the SVG size, with content', async () => {
    const png = await readFile(result.png);
    const svg = await readFile(result.svg, 'utf8');
    const svgWidth = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    const svgHeight = Number(/<svg[^>]* height="(\d+)"/.exec(svg)?.[1]);
    const { width, height } = pngSize(png);
    expect(width).toBe(svgWidth * 2);
    expect(height).toBe(svgHeight * 2);
    expect(width).toBeGreaterThan(800);
    expect(width).toBeLessThan(4000);
    expect(png.byteLength).toBeGreaterThan(20_000);
  });

  it('rewrites an existing report in place, leaving no temporary files and other files alone', async () => {
    const dir = join(root, 'again');
    await writeReport(
      dir,
      emodbReportInput({ folds: 1, predictions: emodbReportInput().predictions.slice(0, 50) }),
    );
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const second = await writeReport(dir, emodbReportInput());
    expect((await readdir(dir)).sort()).toEqual([...FILES, 'notes.txt'].sort());
    expect(JSON.parse(await readFile(second.metricsJson, 'utf8')).clips).toBe(535);
  });
});
