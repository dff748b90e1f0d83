import type { VoiceScores } from '../../common/contract.js';
import {
  curvePointName,
  expectationText,
  KNOWN_VOICE,
  voiceScorePair,
} from '../../common/voice-scores-text.js';
import { escapeXml, formatScore } from './format.js';
import { lineChartSvg } from './line-chart-svg.js';

/** The adaptation curve as a small chart: macro F1 against the clips of the voice known (0: a new voice). */
export function adaptationCurveSvg(v: VoiceScores): string {
  const points: Array<[number, number]> = [[0, v.newVoice.macro_f1]];
  const numbered = v.curve.filter((p) => p.voiceClips !== 'others') as Array<
    VoiceScores['curve'][number] & { voiceClips: number }
  >;
  for (const p of numbered) points.push([p.voiceClips, p.macro_f1]);
  const last = numbered.at(-1)?.voiceClips ?? 1;
  return lineChartSvg({
    title: 'Macro F1 by clips of the voice known',
    xLabel: 'other clips of the voice known (0: a new voice)',
    yDomain: [0, 1],
    series: [
      { name: 'adapted', points, colour: '#1f77b4' },
      {
        name: KNOWN_VOICE,
        points: [
          [0, v.knownVoice.macro_f1],
          [last, v.knownVoice.macro_f1],
        ],
        colour: '#2ca02c',
        dash: '5 3',
      },
    ],
  });
}

/** Both scores side by side, the curve between, and which to expect when. */
export function voiceSection(v: VoiceScores | undefined): string {
  if (!v) return '';
  const row = (
    name: string,
    means: string,
    s: { macro_f1: number; uar: number; accuracy: number; clips: number },
  ) =>
    `<tr><th scope="row">${escapeXml(name)}</th><td>${formatScore(s.macro_f1)}</td><td>${formatScore(s.uar)}</td><td>${formatScore(s.accuracy)}</td><td>${s.clips}</td><td class="small">${escapeXml(means)}</td></tr>`;
  const [fresh, known] = voiceScorePair(v).map((s) => row(s.name, s.means, s.scores));
  const curve = v.curve
    .map((p) => row(`${curvePointName(p)} of the voice`, 'never the scored clip itself', p))
    .join('\n');
  return `<section aria-labelledby="h-voice">
<h2 id="h-voice">A new voice and a known voice</h2>
<p>${escapeXml(expectationText(v))}</p>
<table><caption>Held-out scores on the same folds and models; only what is known of each clip's voice differs</caption>
<tr><th scope="col">How the voice was known</th><th scope="col">Macro F1</th><th scope="col">UAR</th><th scope="col">Accuracy</th><th scope="col">Clips</th><th scope="col">Meaning</th></tr>
${fresh}
${curve}
${known}
</table>
${v.speakerNorm === 'none' ? '' : `<figure class="chart-figure">${adaptationCurveSvg(v)}<figcaption>The score as the model learns more of a voice: 1, 2, 4 and 8 of its other clips, drawn at random. The dashed line is the known-voice score.</figcaption></figure>`}
</section>`;
}
