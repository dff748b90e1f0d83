/**
 * Where the renderer finds binary things (clip audio, augmented previews, model files, report zips).
 * Both shells serve the same paths: the web server under its own origin (plus `?token=`), Electron under
 * its privileged `studio://app` scheme, so a client only picks a base.
 */
export type AugmentKind = 'pitch' | 'stretch' | 'noise';
export const AUGMENT_KINDS: readonly AugmentKind[] = ['pitch', 'stretch', 'noise'];

/** The Electron shell's privileged scheme; the renderer's CSP allows it for media and fetch. */
export const ELECTRON_SCHEME = 'studio';
export const ELECTRON_MEDIA_BASE = `${ELECTRON_SCHEME}://app`;

/** Files of a model folder the renderer may fetch to predict in the page. */
export const MODEL_FILE_NAMES = ['model.json', 'weights.bin', 'studio-model.json'] as const;
/** tfjs may shard weights as group1-shard1of2.bin ...; those names are allowed too. */
export const MODEL_FILE_PATTERN =
  /^(model\.json|studio-model\.json|weights(\.[a-z0-9-]+)?\.bin|group\d+-shard\d+of\d+(\.bin)?)$/;

export const mediaPaths = {
  clipAudio: (clipId: number): string => `/api/clips/${clipId}/audio`,
  augmentedAudio: (clipId: number, kind: AugmentKind): string => `/api/clips/${clipId}/augmented/${kind}`,
  reportZip: (runId: number): string => `/api/runs/${runId}/report.zip`,
  /** A stretch of a long recording (milliseconds), as a 16 kHz WAV: Review's view around a segment. */
  recordingAudio: (recordingId: number, fromMs: number, toMs: number): string =>
    `/api/recordings/${recordingId}/audio/${Math.max(0, Math.round(fromMs))}-${Math.round(toMs)}`,
  /** A base URL path ending in '/', so a tfjs loader can resolve weight paths relative to model.json. */
  modelBase: (runId: number): string => `/api/models/${runId}/`,
  modelFile: (runId: number, file: string): string => `/api/models/${runId}/${encodeURIComponent(file)}`,
};

/**
 * Web mode: media URLs used by <audio>/fetch can't send headers, so they carry the token in the query; a page
 * opened through a launch link has no token (its HttpOnly cookie authenticates) and leaves URLs as they are.
 */
export function withToken(url: string, token: string): string {
  if (!token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

/** The route recordingAudio builds: recording id, from and to in milliseconds. */
export const RECORDING_AUDIO_ROUTE = /^\/api\/recordings\/(\d+)\/audio\/(\d+)-(\d+)$/;
