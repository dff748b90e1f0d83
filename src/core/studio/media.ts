import fs from 'node:fs';
import type { AugmentKind } from '../../common/media-urls.js';
import { encodeWav, loadAudioFile, sniffAudio } from '../audio/node/index.js';
import { addNoiseWave, DEFAULT_AUGMENT, pitchShiftWave, timeStretchWave } from '../features/index.js';
import { createRng } from '../util/random.js';
import type { Project } from '../dataset/node/project.js';
import { notFound } from './errors.js';
import { audioMimeOf } from './mime.js';

/** Rejections of files that did decode as audio (or declared an audio length): those may still be heard. */
const AUDIO_REJECTIONS: ReadonlySet<string> = new Set(['silent', 'too-long', 'invalid-samples']);

/**
 * The file of a clip that is audio. A manifest may name any path: a file that did not decode as audio
 * (a document, a key, a database) is a rejected clip whose bytes are never handed out.
 */
export function isPlayable(clip: { status: string; rejectCode: string | null }): boolean {
  return clip.status === 'ok' || AUDIO_REJECTIONS.has(clip.rejectCode ?? '');
}

function clipPath(project: Project, clipId: number): string {
  const clip = project.clips.get(clipId);
  if (!clip) throw notFound(`no clip with id ${clipId}`);
  if (!isPlayable(clip))
    throw notFound(`clip ${clipId} is not audio (${clip.rejectCode ?? 'rejected'}): nothing to play`);
  if (!fs.existsSync(clip.path)) throw notFound(`the file of clip ${clipId} is missing: ${clip.path}`);
  return clip.path;
}

/** A clip's file as it is on disk, for the Review screen's player and waveform. */
export async function clipAudio(
  project: Project,
  clipId: number,
): Promise<{ bytes: Uint8Array; mime: string }> {
  const bytes = new Uint8Array(await fs.promises.readFile(clipPath(project, clipId)));
  // The file may have been replaced since it was imported: still audio by its bytes, or nothing.
  const kind = sniffAudio(bytes).kind;
  const mime = audioMimeOf(bytes);
  if (kind === 'not-audio' || (kind === 'unknown' && mime === 'application/octet-stream'))
    throw notFound(`the file of clip ${clipId} is no longer audio: nothing to play`);
  return { bytes, mime };
}

/**
 * The clip under one augmentation, at the far end of the range training draws from (the largest pitch shift,
 * the slowest stretch, the lowest SNR), so the preview lets a person hear the worst a training example gets.
 */
export async function augmentedAudio(
  project: Project,
  clipId: number,
  kind: AugmentKind,
): Promise<Uint8Array> {
  const { samples, sampleRate } = await loadAudioFile(clipPath(project, clipId), {
    maxDurationS: Infinity,
    rejectSilent: false,
  });
  let out: Float32Array;
  switch (kind) {
    case 'pitch':
      out = pitchShiftWave(samples, DEFAULT_AUGMENT.pitchSemitones, sampleRate);
      break;
    case 'stretch':
      out = timeStretchWave(samples, DEFAULT_AUGMENT.stretchRange[0], sampleRate);
      break;
    case 'noise':
      out = addNoiseWave(samples, DEFAULT_AUGMENT.snrDbRange[0], createRng(clipId));
      break;
  }
  return encodeWav(out, sampleRate, { bitDepth: 16 });
}
