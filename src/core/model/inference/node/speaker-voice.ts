import type { Project } from '../../../dataset/node/index.js';
import { featureConfigKey } from '../../../features/index.js';
import type { VoiceStats } from '../../../voice/index.js';
import type { StudioModelMeta } from '../../model-meta.js';
import { prepareLogMel } from '../../input-norm.js';
import { voiceOfPrepared } from '../../recipe/recipe-scoring.js';
import { UNKNOWN_SPEAKER } from '../../../dataset/conventions.js';
import { computeClipFeatures } from '../../node/clip-features.js';

/**
 * A project speaker's voice as a model measures it: the statistics of all of that speaker's accepted clips,
 * labelled or not (no label is needed to know a voice), as evaluation's known-voice score measured held-out
 * speakers. Features come from the project's cache where they are, else from the audio.
 */
export async function projectSpeakerVoice(
  project: Project,
  meta: Pick<StudioModelMeta, 'featureConfig' | 'norm'>,
  speaker: string,
): Promise<VoiceStats> {
  if (speaker === UNKNOWN_SPEAKER) throw new Error('clips of an unknown speaker are not one voice');
  const clips = project.clips
    .list({ speaker, status: 'ok' })
    .filter((c): c is typeof c & { sha256: string } => c.sha256 !== null);
  if (clips.length === 0) throw new Error(`no clips of speaker "${speaker}" in this project`);
  const key = featureConfigKey(meta.featureConfig);
  const cached = project.featureStore.getMany(
    clips.map((c) => c.sha256),
    key,
  );
  const prepared = [];
  for (const c of clips) {
    const spec = cached.get(c.sha256) ?? (await computeClipFeatures(c.path, meta.featureConfig));
    prepared.push(prepareLogMel(spec, meta.norm));
  }
  const voice = voiceOfPrepared(prepared, meta.featureConfig.hopLength / meta.featureConfig.sampleRate);
  if (!voice) throw new Error(`no clips of speaker "${speaker}" in this project`);
  return voice;
}
