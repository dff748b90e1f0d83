// The clips an evaluation scores: another corpus given by --data, or the project's labelled clips.
import path from 'node:path';
import { planImport, resolveOrigin, type Project } from '../../../dataset/node/index.js';
import { featureConfigKey, type Spectrogram } from '../../../features/index.js';
import { computeClipFeatures } from '../../node/clip-features.js';
import { assertSameLabels, type StudioModelMeta } from '../../model-meta.js';
import type { ScoredClip } from '../../inference/score-clips.js';

export interface EvaluationClips {
  clips: ScoredClip[];
  /** Files of --data skipped: no label, or a label the model doesn't know. */
  skipped: number;
  logMelOf: (clip: ScoredClip) => Promise<Spectrogram>;
  /** The dataset's name in the report. */
  datasetName: string;
  fingerprint: string | undefined;
}

/** The files of a folder or manifest labelled (by the dataset conventions) with one of the model's labels. */
export async function externalClips(data: string, meta: StudioModelMeta): Promise<EvaluationClips> {
  const plan = await planImport(data);
  const all = plan.files.map((f) => {
    const origin = resolveOrigin(f.path, plan.root, f.manifest);
    return { file: f.path, speaker: origin.speaker, label: origin.label };
  });
  const clips = all.filter((c): c is ScoredClip => c.label !== null && meta.labels.includes(c.label));
  if (clips.length === 0) {
    const found = [...new Set(all.map((c) => c.label ?? 'unlabelled'))].join(', ') || 'no audio files';
    throw new Error(
      `none of the ${all.length} files in ${data} has a label the model knows (${meta.labels.join(', ')}); found: ${found}`,
    );
  }
  return {
    clips,
    skipped: all.length - clips.length,
    logMelOf: (c) => computeClipFeatures(c.file, meta.featureConfig),
    datasetName: path.basename(path.resolve(data)),
    fingerprint: undefined,
  };
}

/** The project's clips labelled with the model's labels (the same label set), features from its store. */
export function projectClips(project: Project, meta: StudioModelMeta): EvaluationClips {
  assertSameLabels(meta, project.settings.labelSet(), `the project ${project.dir}`);
  const labelled = project.clips.labelled(meta.labels);
  if (labelled.length === 0) throw new Error(`the project has no clips labelled ${meta.labels.join(', ')}`);
  const bySha = new Map(labelled.map((c) => [c.id, c]));
  const key = featureConfigKey(meta.featureConfig);
  const store = project.featureStore;
  return {
    clips: labelled.map((c) => ({ file: c.path, clipId: c.id, speaker: c.speaker, label: c.label })),
    skipped: 0,
    logMelOf: async (c) => {
      const clip = bySha.get(c.clipId ?? -1);
      const cached = clip ? store.get(clip.sha256, key) : undefined;
      if (cached) return cached;
      const spec = await computeClipFeatures(c.file, meta.featureConfig);
      if (clip) store.put(clip.sha256, key, spec);
      return spec;
    },
    datasetName: path.basename(project.dir),
    fingerprint: project.datasetFingerprint(meta.labels),
  };
}
