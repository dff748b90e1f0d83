import type { Statement } from 'better-sqlite3';
import type { Db } from '../../dataset/node/db-handle.js';
import { statementCache } from '../../dataset/node/sql.js';

export type SessionState = 'active' | 'paused' | 'done';

export interface RecordingSession {
  id: number;
  speaker: string;
  prompts: string[];
  emotions: string[];
  state: SessionState;
  /** The first take of the plan not kept yet (the plan's length when all are kept). */
  position: number;
  createdAt: string;
  updatedAt: string;
}

/** A kept take: the clip that holds it, by its place in the session's plan. */
export interface KeptTake {
  index: number;
  clipId: number;
  path: string;
  durationS: number;
}

interface SessionRow {
  id: number;
  speaker: string;
  prompts: string;
  emotions: string;
  state: SessionState;
  position: number;
  created_at: string;
  updated_at: string;
}

function toSession(r: SessionRow): RecordingSession {
  return {
    id: r.id,
    speaker: r.speaker,
    prompts: JSON.parse(r.prompts) as string[],
    emotions: JSON.parse(r.emotions) as string[],
    state: r.state,
    position: r.position,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Recording sessions and the clips their takes became. */
export class SessionsRepo {
  private readonly stmt: (sql: string) => Statement<unknown[]>;

  constructor(db: Db) {
    this.stmt = statementCache(db);
  }

  create(s: { speaker: string; prompts: string[]; emotions: string[] }, now: string): number {
    const info = this.stmt(
      `INSERT INTO recording_sessions (speaker, prompts, emotions, state, position, created_at, updated_at)
       VALUES (?, ?, ?, 'active', 0, ?, ?)`,
    ).run(s.speaker, JSON.stringify(s.prompts), JSON.stringify(s.emotions), now, now);
    return Number(info.lastInsertRowid);
  }

  get(id: number): RecordingSession | undefined {
    const r = this.stmt('SELECT * FROM recording_sessions WHERE id = ?').get(id) as SessionRow | undefined;
    return r && toSession(r);
  }

  /** Newest first. */
  list(): RecordingSession[] {
    return (this.stmt('SELECT * FROM recording_sessions ORDER BY id DESC').all() as SessionRow[]).map(
      toSession,
    );
  }

  setState(id: number, state: SessionState, now: string): void {
    this.stmt('UPDATE recording_sessions SET state = ?, updated_at = ? WHERE id = ?').run(state, now, id);
  }

  setPosition(id: number, position: number, state: SessionState, now: string): void {
    this.stmt('UPDATE recording_sessions SET position = ?, state = ?, updated_at = ? WHERE id = ?').run(
      position,
      state,
      now,
      id,
    );
  }

  takes(sessionId: number): KeptTake[] {
    return this.stmt(
      `SELECT take_index AS "index", id AS clipId, path, duration_s AS durationS FROM clips
       WHERE session_id = ? AND status = 'ok' ORDER BY take_index`,
    ).all(sessionId) as KeptTake[];
  }

  take(sessionId: number, index: number): KeptTake | undefined {
    return this.stmt(
      `SELECT take_index AS "index", id AS clipId, path, duration_s AS durationS FROM clips
       WHERE session_id = ? AND take_index = ?`,
    ).get(sessionId, index) as KeptTake | undefined;
  }

  /** Marks a clip as a recorded take: its prompt, session, place in the plan and the emotion it was to act. */
  markTake(
    clipId: number,
    t: { prompt: string; sessionId: number; index: number; intendedLabel: string },
  ): void {
    this.stmt(
      'UPDATE clips SET prompt = ?, session_id = ?, take_index = ?, intended_label = ? WHERE id = ?',
    ).run(t.prompt, t.sessionId, t.index, t.intendedLabel, clipId);
  }

  /** What a clip holds as a recorded take, if it is one. */
  recordingOf(
    clipId: number,
  ): { prompt: string | null; sessionId: number | null; intendedLabel: string | null } | undefined {
    return this.stmt(
      'SELECT prompt, session_id AS sessionId, intended_label AS intendedLabel FROM clips WHERE id = ?',
    ).get(clipId) as
      { prompt: string | null; sessionId: number | null; intendedLabel: string | null } | undefined;
  }
}
