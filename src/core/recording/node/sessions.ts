import type { Project } from '../../dataset/node/project.js';
import { resumePosition } from '../plan.js';
import { sessionOrThrow, SessionError, tidySessionFolder } from './save-take.js';
import { SessionsRepo, type KeptTake, type RecordingSession } from './sessions-repo.js';

export interface SessionProgress extends RecordingSession {
  total: number;
  kept: number;
  takes: KeptTake[];
}

export function sessionProgress(project: Project, id: number): SessionProgress {
  const repo = new SessionsRepo(project.db);
  const s = sessionOrThrow(repo, id);
  const takes = repo.takes(id);
  return { ...s, total: s.prompts.length * s.emotions.length, kept: takes.length, takes };
}

export function listSessions(project: Project): Array<Omit<SessionProgress, 'takes'>> {
  const repo = new SessionsRepo(project.db);
  return repo.list().map((s) => ({
    ...s,
    total: s.prompts.length * s.emotions.length,
    kept: repo.takes(s.id).length,
  }));
}

export function createSession(
  project: Project,
  s: { speaker: string; prompts: string[]; emotions: string[] },
  now = new Date(),
): SessionProgress {
  const speaker = s.speaker.trim();
  if (speaker === '') throw new SessionError('bad-request', 'name the speaker');
  if (s.prompts.length === 0) throw new SessionError('bad-request', 'give at least one prompt');
  if (s.emotions.length === 0) throw new SessionError('bad-request', 'choose at least one emotion');
  const id = new SessionsRepo(project.db).create({ ...s, speaker }, now.toISOString());
  return sessionProgress(project, id);
}

/** Pauses or resumes; resuming tidies what a killed save left and goes back to the first take not kept. */
export function setSessionState(
  project: Project,
  id: number,
  action: 'pause' | 'resume',
  now = new Date(),
): SessionProgress {
  const repo = new SessionsRepo(project.db);
  const s = sessionOrThrow(repo, id);
  if (action === 'resume') tidySessionFolder(project, id);
  project.transaction(() => {
    const total = s.prompts.length * s.emotions.length;
    const position = resumePosition(
      total,
      repo.takes(id).map((t) => t.index),
    );
    const state = action === 'pause' ? 'paused' : position >= total ? 'done' : 'active';
    repo.setPosition(id, position, state, now.toISOString());
  });
  return sessionProgress(project, id);
}
