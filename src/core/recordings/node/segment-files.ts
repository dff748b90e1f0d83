import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { audioStats, TARGET_SAMPLE_RATE } from '../../audio/node/index.js';
import type { Recording, SegmentState } from '../../dataset/node/recordings-repo.js';
import { round3 } from '../speech-detector.js';
import { readRecordingRange, segmentWav } from './recording-audio.js';

/** Segments are at least this long (s): shorter is a click, and no model input. */
export const MIN_SEGMENT_S = 0.1;

/** The project folder of one recording (its copy and its segments' files), by content. */
export function recordingFolder(projectDir: string, sha256: string): string {
  return path.join(projectDir, 'long-recordings', sha256.slice(0, 16));
}

/** Seconds zero-padded, so a recording's segment files sort in time order (the clip list sorts by path). */
function padded(s: number): string {
  return s.toFixed(3).padStart(10, '0');
}

function stemOf(file: string): string {
  return (
    path
      .basename(file, path.extname(file))
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 60) || 'recording'
  );
}

/**
 * Writes the file of a stretch of a recording and measures it: the clip it becomes is read by every part of
 * the studio as any clip is (features, training, playback). Files are never rewritten: a name carries a token,
 * so a stretch edited away and back again still finds the file undo restores.
 */
export function writeSegmentFile(
  recording: Pick<Recording, 'path' | 'sha256' | 'sourcePath'>,
  startS: number,
  endS: number,
): SegmentState {
  const start = round3(startS);
  const end = round3(endS);
  const samples = readRecordingRange(
    recording.path,
    Math.round(start * TARGET_SAMPLE_RATE),
    Math.round(end * TARGET_SAMPLE_RATE),
  );
  const bytes = segmentWav(
    samples,
    `segment ${start.toFixed(3)}-${end.toFixed(3)} s of recording ${recording.sha256}`,
  );
  const dir = path.join(path.dirname(recording.path), 'segments');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `${stemOf(recording.sourcePath)}_${padded(start)}-${padded(end)}_${randomUUID().slice(0, 6)}.wav`,
  );
  fs.writeFileSync(`${file}.partial`, bytes);
  fs.renameSync(`${file}.partial`, file);
  const st = audioStats(samples, TARGET_SAMPLE_RATE);
  return {
    status: 'ok',
    startS: start,
    endS: end,
    path: file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    durationS: samples.length / TARGET_SAMPLE_RATE,
    peak: st.peak,
    rms: st.rms,
    clippedFraction: st.clippedFraction,
    silentFraction: st.silentFraction,
  };
}
