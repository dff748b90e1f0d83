import { describe, expect, it } from 'vitest';
import { projectAgreement } from '../../../src/core/agreement/node/project-agreement.js';
import { computeMetrics } from '../../../src/core/metrics/index.js';
import { renderReportHtml } from '../../../src/core/report/node/index.js';
import { metricsJson } from '../../../src/core/report/metrics-json.js';
import type { ReportInput } from '../../../src/core/report/node/index.js';
import { cleanupAfterEach, fakeClip, newProject, NOW } from '../dataset/helpers.js';
import { emodbReportInput } from './fixture.js';

cleanupAfterEach();

const render = (input: ReportInput) =>
  renderReportHtml(input, computeMetrics(input.predictions, input.labels));

describe('the report’s agreement section', () => {
  it('on a project with two annotators: kappa, per class, the pair’s table and acted against perceived', () => {
    const p = newProject();
    const acted = ['happy', 'happy', 'sad', 'sad', 'neutral', 'neutral'];
    const bob = ['happy', 'sad', 'sad', 'sad', 'neutral', 'happy'];
    acted.forEach((label, i) => {
      const id = p.clips.insert(fakeClip({ label, labelSource: 'convention' }), NOW);
      p.clips.setIntendedLabel(id, label);
      p.labels.relabel([id], label, { annotator: 'Ann' });
      p.labels.relabel([id], bob[i], { annotator: 'Bob' });
    });
    const html = render(emodbReportInput({ agreement: projectAgreement(p) }));
    const section = html.slice(html.indexOf('<section aria-labelledby="h-agreement">'));
    expect(section).toContain('<h2 id="h-agreement">Annotator agreement</h2>');
    // po = 4/6; Ann h2 s2 n2, Bob h2 s3 n1: pe = (4 + 6 + 2) / 36 = 1/3; kappa = (2/3 - 1/3) / (2/3) = 0.5
    expect(section).toMatch(
      /Cohen’s kappa<\/div><div class="value">0\.500<\/div><div class="sub">moderate, 6 clips/,
    );
    expect(section).toContain('2 annotators (Ann: 6 clips, Bob: 6 clips)');
    expect(section).toMatch(
      /<th scope="row">Ann \/ Bob<\/th><td class="num">6<\/td><td class="num">0\.667<\/td><td class="num">0\.500<\/td>/,
    );
    expect(section).toContain('<caption>Ann (rows) against Bob (columns)</caption>');
    // Ann's happy row: Bob said happy once, sad once
    expect(section).toMatch(
      /<tr><th scope="row">happy<\/th><td class="num"><b>1<\/b><\/td><td class="num">1<\/td><td class="num">0<\/td><\/tr>/,
    );
    expect(section).toContain('Acted against perceived');
    expect(section).toContain('12 perceived labels: agreement 0.833');
    // metrics.json carries the same figures
    const input = emodbReportInput({ agreement: projectAgreement(p) });
    const json = metricsJson(input, computeMetrics(input.predictions, input.labels), [], []);
    expect(json.agreement).toMatchObject({ method: 'cohen', kappaClips: 6 });
    expect((json.agreement as { kappa: number }).kappa).toBeCloseTo(0.5, 12);
  });

  it('is left out when no clip has two annotators', () => {
    const p = newProject();
    const id = p.clips.insert(fakeClip({ label: 'happy' }), NOW);
    p.labels.relabel([id], 'sad', { annotator: 'Ann' });
    expect(render(emodbReportInput({ agreement: projectAgreement(p) }))).not.toContain('h-agreement');
    expect(render(emodbReportInput())).not.toContain('h-agreement');
    const input = emodbReportInput({ agreement: projectAgreement(p) });
    expect(metricsJson(input, computeMetrics(input.predictions, input.labels), [], [])).not.toHaveProperty(
      'agreement',
    );
  });
});
