import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { AudioError, loadAudioFile } from '../../audio/node/index.js';
import type { ClipsRepo } from './clips-repo.js';
import { resolveOrigin, type ClipOrigin } from './origin.js';
import type { PlannedFile } from './scan.js';
import { errorMessage } from '../../../common/error-message.js';

export interface DecodedFacts {
  format: string;
  sampleRate: number;
  channels: number;
  durationS: number;
  peak: number;
  rms: number;
  clippedFraction: number;
  silentFraction: number;
}

/** What reading one file found, before anything is written. */
export type Examined =
  | { kind: 'decoded'; path: string; sha256: string; origin: ClipOrigin; audio: DecodedFacts }
  | { kind: 'known'; path: string; sha256: string; origin: ClipOrigin }
  | {
      kind: 'rejected';
      path: string;
      sha256: string | null;
      origin: ClipOrigin;
      reason: string;
      code: string;
    };

/**
 * Reads and hashes a file; content the project already has is not decoded again (so re-importing a folder
 * costs a read and a hash per file); new content is decoded to check it and measure it.
 */
export async function examineFile(
  file: PlannedFile,
  root: string,
  clips: ClipsRepo,
  opts: { maxDurationS?: number },
): Promise<Examined> {
  const origin = resolveOrigin(file.path, root, file.manifest);
  const reject = (sha256: string | null, code: string, reason: string): Examined => ({
    kind: 'rejected',
    path: file.path,
    sha256,
    origin,
    code,
    reason,
  });

  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && file.manifest) return reject(null, 'io', 'listed in the manifest but not found');
    return reject(null, 'io', `cannot read the file (${code ?? errorMessage(err)})`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (file.manifest?.sha256 && file.manifest.sha256 !== sha256) {
    return reject(
      sha256,
      'hash-mismatch',
      "content differs from the manifest's sha256: the file changed or is corrupt",
    );
  }
  if (clips.getBySha256(sha256)) return { kind: 'known', path: file.path, sha256, origin };

  try {
    const audio = await loadAudioFile(file.path, {
      rejectSilent: true,
      ...(opts.maxDurationS !== undefined && { maxDurationS: opts.maxDurationS }),
    });
    return {
      kind: 'decoded',
      path: file.path,
      sha256,
      origin,
      audio: {
        format: audio.info.format,
        sampleRate: audio.info.sampleRate,
        channels: audio.info.channels,
        durationS: audio.stats.durationS,
        peak: audio.stats.peak,
        rms: audio.stats.rms,
        clippedFraction: audio.stats.clippedFraction,
        silentFraction: audio.stats.silentFraction,
      },
    };
  } catch (err) {
    if (err instanceof AudioError) return reject(sha256, err.code, err.message);
    return reject(sha256, 'error', `could not decode: ${errorMessage(err)}`);
  }
}
