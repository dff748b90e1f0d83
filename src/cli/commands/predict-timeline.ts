import type { TimelineResult } from '../../common/contract.js';
import { errorMessage } from '../../common/error-message.js';
import type { KnownVoice } from '../../core/model/inference/predict.js';
import { projectDirOf } from '../project-option.js';
import type { PredictCliOptions } from './predict.js';

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

/**
 * The model a timeline is predicted with (--model, else the project's model in use; a project's label set
 * must match) and, with --speaker, that project speaker's voice.
 */
async function timelineModel(
  opts: PredictCliOptions,
): Promise<{ modelDir: string; speakerVoice: KnownVoice | null }> {
  const [
    { openProject },
    { readModelMeta },
    { assertSameLabels },
    { latestModelDir },
    { projectSpeakerVoice },
  ] = await Promise.all([
    import('../../core/dataset/node/index.js'),
    import('../../core/model/node/model-files.js'),
    import('../../core/model/model-meta.js'),
    import('../../core/model/evaluation/node/current-model.js'),
    import('../../core/model/inference/node/speaker-voice.js'),
  ]);
  const needsProject = !opts.model || opts.project || opts.speaker !== undefined;
  if (!needsProject) return { modelDir: opts.model as string, speakerVoice: null };
  const project = openProject(projectDirOf(opts));
  try {
    const modelDir = opts.model ?? latestModelDir(project);
    const meta = await readModelMeta(modelDir);
    assertSameLabels(meta, project.settings.labelSet(), 'the project');
    const speakerVoice: KnownVoice | null =
      opts.speaker === undefined
        ? null
        : {
            kind: 'speaker',
            speaker: opts.speaker,
            stats: await projectSpeakerVoice(project, meta, opts.speaker),
          };
    return { modelDir, speakerVoice };
  } finally {
    project.close();
  }
}

/** `ser predict --file long.wav --timeline`: one row per utterance, with the voice built up over the recording. */
export async function predictTimelineCli(opts: PredictCliOptions): Promise<void> {
  const file = opts.file as string;
  const { modelDir, speakerVoice } = await timelineModel(opts);
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
