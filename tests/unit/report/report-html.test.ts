import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../../src/core/metrics/index.js';
import { renderReportHtml } from '../../../src/core/report/node/index.js';
import type { ReportInput } from '../../../src/core/report/node/index.js';
import { emodbReportInput } from './fixture.js';

function render(input: ReportInput): string {
  return renderReportHtml(input, computeMetrics(input.predictions, input.labels));
}

const html = render(emodbReportInput());

describe('report.html', () => {
  it('references nothing outside itself', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/<iframe|<object|<embed/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
    // the only http URL allowed is the SVG namespace, which is a name, not a fetch
    const urls = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('locks itself down with a content security policy', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('shows the headline scores, the per-class table and the per-speaker accuracy', () => {
    expect(html).toContain('0.727'); // accuracy 389/535
    expect(html).toContain('72.7%');
    expect(html).toContain('0.716'); // macro F1 0.71556
    expect(html).toContain('0.718'); // UAR 0.71764
    // happy: precision 27/51, recall 27/71, F1 54/122
    expect(html).toMatch(
      /<th scope="row">happy<\/th><td class="num">0\.529<\/td><td class="num">0\.380<\/td><td class="num">0\.443<\/td><td class="num">71<\/td>/,
    );
    const m = computeMetrics(emodbReportInput().predictions, emodbReportInput().labels);
    expect(html).toContain(
      `<th scope="row">03</th><td class="num">${m.per_speaker['03'].accuracy.toFixed(3)}</td>`,
    );
  });

  it('inlines the confusion matrix with counts and row percentages', () => {
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain('>102</text>');
    expect(html).toContain('>80.3%</text>'); // 102 of 127 angry
    expect(html).toContain('>Predicted</text>');
    expect(html).toContain('>True</text>');
  });

  it('draws one loss and one accuracy chart per fold and for the final model', () => {
    expect(html.match(/aria-label="Loss"/g)).toHaveLength(11);
    expect(html.match(/aria-label="Accuracy"/g)).toHaveLength(11);
    expect(html).toContain('<h3>Fold 0</h3>');
    expect(html).toContain('<h3>Final model</h3>');
    expect(html).toContain('validation macro F1');
  });

  it('has a per-fold table, the dataset summary and the config', () => {
    expect(html).toContain('mean ± SD over folds');
    expect(html).toContain('sha256:3f9a1c0d');
    expect(html).toContain('training.batchSize');
    expect(html).toContain('[16,32,64]');
    expect(html).toContain('wasm (SIMD, 1 thread)');
  });

  it('has light, dark and print styles', () => {
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).toContain('@media print');
  });

  it('puts warnings first and prominently', () => {
    const warned = render(
      emodbReportInput({ warnings: ['Random split: speakers leak between train and test.'] }),
    );
    const at = warned.indexOf('Random split: speakers leak between train and test.');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(warned.indexOf('id="h-summary"'));
    expect(warned).toMatch(/<section class="warnings" role="alert"/);
    expect(html).not.toContain('class="warnings"');
  });

  it('escapes names from the dataset everywhere', () => {
    const base = emodbReportInput();
    const evil = '<img src=x onerror=alert(1)>';
    const input: ReportInput = {
      ...base,
      title: `Run ${evil}`,
      labels: [...base.labels.slice(0, 6), evil],
      predictions: base.predictions.map((r) => ({
        ...r,
        speaker: r.speaker === '03' ? evil : r.speaker,
        label: r.label === 'fear' ? evil : r.label,
        predicted: r.predicted === 'fear' ? evil : r.predicted,
      })),
      config: { [evil]: evil },
    };
    const out = render(input);
    expect(out).not.toContain(evil);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('says there are no curves rather than drawing empty charts', () => {
    const out = render(emodbReportInput({ curves: [] }));
    expect(out).toContain('No training curves were recorded.');
    expect(out).not.toContain('aria-label="Loss"');
  });
});
