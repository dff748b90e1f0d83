import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadAudio } from '../../audio/load.js';
import { TARGET_SAMPLE_RATE } from '../../audio/types.js';
import { encodeWav } from '../../audio/wav-encode.js';
import { examineFile, type Examined } from '../../dataset/node/import-examine.js';
import type { Project } from '../../dataset/node/project.js';
import { buildPlan, resumePosition, type PlanItem } from '../plan.js';
import { checkTake, MAX_TAKE_SECONDS, type TakeProblem } from '../take-checks.js';
import { SessionsRepo, type RecordingSession } from './sessions-repo.js';

/** A take the checks refused, with their reasons; the request was fine, the audio was not. */
export class TakeRefusedError extends Error {
  override readonly name = 'TakeRefusedError';
  constructor(readonly problems: TakeProblem[]) {
    super(problems.map((p) => p.reason).join(' '));
  }
}

/** A request that does not fit the session's state (unknown take, a kept take without `replace`, paused). */
export class SessionError extends Error {
  override readonly name = 'SessionError';
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'bad-request',
    message: string,
  ) {
    super(message);
  }
}

export const RECORDINGS_FOLDER = 'recordings';

export function sessionDir(project: Project, sessionId: number): string {
  return path.join(project.dir, RECORDINGS_FOLDER, `session-${sessionId}`);
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** Writes bytes to `file` as a whole or not at all: a temporary file beside it, flushed, then renamed. */
function writeAtomic(file: string, bytes: Uint8Array): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.take-${randomUUID()}.tmp`);
  const fd = fs.openSync(tmp, 'wx');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    // the rename itself survives a power cut only once the folder is flushed (not possible on Windows)
    const dfd = fs.openSync(dir, 'r');
    fs.fsyncSync(dfd);
    fs.closeSync(dfd);
  } catch {
    // best effort
  }
}

export function sessionOrThrow(repo: SessionsRepo, id: number): RecordingSession {
  const s = repo.get(id);
  if (!s) throw new SessionError('not-found', `no recording session with id ${id}`);
  return s;
}

/** The audio as the project keeps it: the bytes themselves when they are a 16 kHz mono 16-bit WAV already. */
async function takeAudio(bytes: Uint8Array): Promise<{ wav: Uint8Array; samples: Float32Array }> {
  if (bytes.length === 0) throw new SessionError('bad-request', 'the take holds no audio');
  const audio = await loadAudio(bytes, 'take.wav', { rejectSilent: false, maxDurationS: MAX_TAKE_SECONDS });
  const asKept =
    audio.info.format === 'wav-pcm16' &&
    audio.info.sampleRate === TARGET_SAMPLE_RATE &&
    audio.info.channels === 1;
  return {
    wav: asKept ? bytes : encodeWav(audio.samples, TARGET_SAMPLE_RATE, { bitDepth: 16 }),
    samples: audio.samples,
  };
}

/**
 * Saves one take of a session and imports it like any clip (content hash, decoded facts and levels), with the
 * session's speaker, the emotion to act as its label (source 'recorded'), the prompt and the session.
 * The file is written whole before the database names it, and the database changes in one transaction, so a
 * process killed at any moment keeps every take saved before and never names a missing file. With `replace`,
 * the take at `index` (a retake) is replaced: the clip keeps its id, the old file goes once the new one is in.
 */
export async function saveTake(
  project: Project,
  req: TakeRequest,
  now = new Date(),
): Promise<{ clipId: number; replaced: boolean; item: PlanItem }> {
  const repo = new SessionsRepo(project.db);
  const { session, plan, item, before } = takeToSave(repo, req);
  const { wav, samples } = await takeAudio(req.data);
  const check = checkTake(samples, TARGET_SAMPLE_RATE);
  if (!check.ok) throw new TakeRefusedError(check.problems);

  const dir = sessionDir(project, session.id);
  fs.mkdirSync(dir, { recursive: true });
  const name = `take-${String(req.index + 1).padStart(3, '0')}-${item.emotion}-${stamp(now)}.wav`;
  const file = path.join(dir, name);
  writeAtomic(file, wav);

  let clipId: number;
  try {
    const examined = await examineFile({ path: file }, dir, project.clips, {
      maxDurationS: MAX_TAKE_SECONDS,
    });
    if (examined.kind === 'known') {
      throw new SessionError('conflict', 'this take is identical to a clip the project already has');
    }
    if (examined.kind === 'rejected') throw new SessionError('bad-request', examined.reason);
    clipId = project.transaction(() =>
      keepTake(
        project,
        repo,
        { session, planLength: plan.length, item, req, file, examined },
        now.toISOString(),
      ),
    );
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
  if (before && before.path !== file) fs.rmSync(before.path, { force: true });
  return { clipId, replaced: before !== undefined, item };
}

interface TakeRequest {
  sessionId: number;
  index: number;
  data: Uint8Array;
  replace?: boolean;
}

/**
 * The session's take the request names; refused where the session is paused, the take does not exist, or
 * it is kept already and not to be replaced.
 */
function takeToSave(
  repo: SessionsRepo,
  req: TakeRequest,
): { session: RecordingSession; plan: PlanItem[]; item: PlanItem; before: ReturnType<SessionsRepo['take']> } {
  const session = sessionOrThrow(repo, req.sessionId);
  if (session.state === 'paused') {
    throw new SessionError('conflict', `session ${session.id} is paused: resume it to record`);
  }
  const plan = buildPlan(session.prompts, session.emotions);
  const item = plan[req.index];
  if (!item) {
    throw new SessionError(
      'bad-request',
      `session ${session.id} has takes 0-${plan.length - 1}, not ${req.index}`,
    );
  }
  const before = repo.take(session.id, req.index);
  if (before && !req.replace) {
    throw new SessionError('conflict', `take ${req.index + 1} is already kept: retake it to replace it`);
  }
  return { session, plan, item, before };
}

/**
 * Inside the transaction: the take's clip (a new one with its 'recorded' label event, or the replaced take's
 * clip with the new content), its place in the session, and the session's position.
 */
function keepTake(
  project: Project,
  repo: SessionsRepo,
  take: {
    session: RecordingSession;
    planLength: number;
    item: PlanItem;
    req: TakeRequest;
    file: string;
    examined: Extract<Examined, { kind: 'decoded' }>;
  },
  at: string,
): number {
  const { session, item, req } = take;
  const row = {
    path: take.file,
    sha256: take.examined.sha256,
    ...take.examined.audio,
    speaker: session.speaker,
    label: item.emotion,
    labelSource: 'recorded' as const,
    split: null,
    status: 'ok' as const,
    reason: null,
    rejectCode: null,
    corpus: 'recorded',
  };
  // looked up again inside the transaction: another request may have kept this take meanwhile
  const current = repo.take(session.id, req.index);
  if (current && !req.replace) throw new SessionError('conflict', `take ${req.index + 1} is already kept`);
  const id = current ? current.clipId : project.clips.insert(row, at);
  if (current) project.clips.replace(id, row, at);
  else
    project.labels.record({
      clipId: id,
      oldLabel: null,
      newLabel: item.emotion,
      oldLabelSource: null,
      newLabelSource: 'recorded',
      source: 'recorded',
      groupId: randomUUID(),
      at,
    });
  repo.markTake(id, {
    prompt: item.prompt,
    sessionId: session.id,
    index: req.index,
    intendedLabel: item.emotion,
  });
  const position = resumePosition(
    take.planLength,
    repo.takes(session.id).map((t) => t.index),
  );
  repo.setPosition(session.id, position, position >= take.planLength ? 'done' : 'active', at);
  return id;
}

/**
 * Removes what a process killed mid-save left in a session's folder: temporary files and takes the database
 * never recorded (or replaced). Every file a clip names stays.
 */
export function tidySessionFolder(project: Project, sessionId: number): string[] {
  const dir = sessionDir(project, sessionId);
  if (!fs.existsSync(dir)) return [];
  const repo = new SessionsRepo(project.db);
  const named = new Set(repo.takes(sessionId).map((t) => path.resolve(t.path)));
  const removed: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.resolve(dir, entry.name);
    if (!entry.isFile() || named.has(full)) continue;
    if (project.clips.getByPath(full)) continue;
    fs.rmSync(full, { force: true });
    removed.push(full);
  }
  return removed;
}
