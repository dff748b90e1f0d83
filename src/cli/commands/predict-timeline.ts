import type { TimelineResult } from '../../common/contract.js';
import { errorMessage } from '../../common/error-message.js';
import { modelToUse, type PredictCliOptions } from './predict-model.js';

function formatTimeline(file: string, t: TimelineResult): string {
  const lines = [`${file}: ${t.rows.length} utterances in ${t.durationS.toFixed(1)} s`];
  for (const r of t.rows) {
    const probs = Object.entries(r.probs)
      .map(([l, p]) => `${l} ${p.toFixed(3)}`)
      .join('  ');
    lines.push(
      `${r.start.toFixed(3).padStart(9)} ${r.end.toFixed(3).padStart(9)}  ${r.label.padEnd(8)} ${(r.confidence * 100).toFixed(1).padStart(5)}%  ${probs}  [voice: ${r.voice.text}]`,
    );
  }
  lines.push(
    t.voiceMode === 'recording'
      ? t.voiceFrom === null
        ? 'The voice heard in the recording was not used (the model uses no voice statistics, or there was one utterance).'
        : `From ${t.voiceFrom.toFixed(3)} s on, utterances were scored with the voice heard before them in this recording.`
      : t.voiceMode === 'speaker'
        ? "Every utterance was scored with the project speaker's statistics."
        : 'Every utterance was scored as a voice never heard.',
  );
  return `${lines.join('\n')}\n`;
}

/** `ser predict --file long.wav --timeline`: one row per utterance, with the voice built up over the recording. */
export async function predictTimelineCli(opts: PredictCliOptions): Promise<void> {
  const file = opts.file as string;
  const { dir: modelDir, speakerVoice } = await modelToUse(opts);
  const [{ loadModelFolder }, { selectBackend }, { predictTimeline, modelScorer }] = await Promise.all([
    import('../../core/model/node/model-files.js'),
    import('../../core/model/backend/node/select.js'),
    import('../../core/recordings/node/timeline.js'),
  ]);
  await selectBackend(opts.backend ?? 'auto');
  const loaded = await loadModelFolder(modelDir);
  let timeline: TimelineResult;
  try {
    timeline = await predictTimeline(modelScorer(loaded), file, {
      detector: {
        ...(opts.minSilence !== undefined && { minSilenceS: opts.minSilence }),
        ...(opts.maxSegment !== undefined && { maxSegmentS: opts.maxSegment }),
      },
      voice: speakerVoice ?? opts.voice ?? 'recording',
    });
  } catch (err) {
    throw new Error(`cannot predict ${file}: ${errorMessage(err)}`);
  } finally {
    loaded.model.dispose();
  }
  process.stdout.write(
    opts.json
      ? `${JSON.stringify({ file, ...timeline, model: modelDir, runId: loaded.meta.runId ?? null })}\n`
      : formatTimeline(file, timeline),
  );
}
