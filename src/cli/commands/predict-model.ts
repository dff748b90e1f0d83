// What `ser predict` predicts with, for a file, a folder or a long recording's timeline alike.
import type { KnownVoice } from '../../core/model/inference/predict.js';
import { projectDirOf } from '../project-option.js';

export interface PredictCliOptions {
  file?: string;
  dir?: string;
  speaker?: string;
  /** --no-speakers: every file of --dir alone, as a voice never heard. */
  speakers?: boolean;
  model?: string;
  project?: string;
  backend?: 'auto' | 'node-gpu' | 'node' | 'wasm' | 'cpu';
  json?: boolean;
  timeline?: boolean;
  voice?: 'recording' | 'none';
  minSilence?: number;
  maxSegment?: number;
}

/**
 * The model: --model, else the project's model in use (the studio's rule, current-model.ts); a project's label
 * set must match. With --speaker, that project speaker's voice as well.
 */
export async function modelToUse(
  opts: PredictCliOptions,
): Promise<{ dir: string; speakerVoice: KnownVoice | null }> {
  const needsProject = !opts.model || opts.project || opts.speaker !== undefined;
  if (!needsProject) return { dir: opts.model as string, speakerVoice: null };
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
  const project = openProject(projectDirOf(opts));
  try {
    const dir = opts.model ?? latestModelDir(project);
    const meta = await readModelMeta(dir);
    const speakerVoice: KnownVoice | null =
      opts.speaker === undefined
        ? null
        : {
            kind: 'speaker',
            speaker: opts.speaker,
            stats: await projectSpeakerVoice(project, meta, opts.speaker),
          };
    assertSameLabels(meta, project.settings.labelSet(), 'the project');
    return { dir, speakerVoice };
  } finally {
    project.close();
  }
}
