import type { ClipDetail, RecordingSessionDetail } from '../../../common/contract.js';
import { SessionError, saveTake, TakeRefusedError } from '../../recording/node/save-take.js';
import {
  createSession,
  listSessions,
  sessionProgress,
  setSessionState,
  type SessionProgress,
} from '../../recording/node/sessions.js';
import { SessionsRepo } from '../../recording/node/sessions-repo.js';
import type { StudioContext } from '../context.js';
import { StudioError } from '../errors.js';
import type { Handlers } from './types.js';

function toDetail(s: SessionProgress): RecordingSessionDetail {
  return { ...s, takes: s.takes.map((t) => ({ index: t.index, clipId: t.clipId, durationS: t.durationS })) };
}

/** The recording layer's errors as the studio's: a refused take or a wrong session step is the user's to fix. */
function asStudioError(err: unknown): unknown {
  if (err instanceof TakeRefusedError) return new StudioError('bad-request', err.message);
  if (err instanceof SessionError) return new StudioError(err.kind, err.message);
  return err;
}

async function guarded<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asStudioError(err);
  }
}

/** The Review screen's facts of a recorded take (prompt, session); nothing for other clips. */
export function recordedFacts(ctx: StudioContext, clipId: number): Pick<ClipDetail, 'prompt' | 'sessionId'> {
  const r = new SessionsRepo(ctx.project.db).recordingOf(clipId);
  return { prompt: r?.prompt ?? null, sessionId: r?.sessionId ?? null };
}

export const recordHandlers: Pick<
  Handlers,
  'record.sessions' | 'record.get' | 'record.start' | 'record.pause' | 'record.resume' | 'record.saveTake'
> = {
  'record.sessions': (ctx) => listSessions(ctx.project),
  'record.get': (ctx, p) => guarded(() => toDetail(sessionProgress(ctx.project, p.id))),
  'record.start': (ctx, p) => guarded(() => toDetail(createSession(ctx.project, p))),
  'record.pause': (ctx, p) => guarded(() => toDetail(setSessionState(ctx.project, p.id, 'pause'))),
  'record.resume': (ctx, p) => guarded(() => toDetail(setSessionState(ctx.project, p.id, 'resume'))),
  'record.saveTake': (ctx, p) =>
    guarded(async () => {
      const r = await saveTake(ctx.project, p);
      ctx.events.emit('dataset.changed', { reason: 'import' });
      return {
        clipId: r.clipId,
        replaced: r.replaced,
        session: toDetail(sessionProgress(ctx.project, p.sessionId)),
      };
    }),
};
