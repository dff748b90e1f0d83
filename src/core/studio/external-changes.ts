import type { Db } from '../dataset/node/db-handle.js';

/** How often the open project is checked for writes by other processes. */
export const EXTERNAL_POLL_MS = 1000;

/**
 * What the screens show of the dataset: clips and their labels (and label history), the label set and other
 * settings, and which run's predictions the table joins. A training epoch's curve points are left out, so a
 * running training (its own connection) does not make every screen refetch once an epoch.
 */
const FINGERPRINT_SQL = `SELECT
  (SELECT count(*) FROM clips) AS clips,
  (SELECT max(updated_at) FROM clips) AS clipsUpdated,
  (SELECT max(id) FROM label_events) AS lastEvent,
  (SELECT group_concat(key || '=' || value, ';') FROM settings) AS settings,
  (SELECT max(id) FROM runs WHERE status <> 'running') AS lastRun`;

export interface ExternalChangeWatch {
  /** Takes the dataset as it is now as seen: call after this process announced its own change. */
  resync(): void;
  stop(): void;
}

/**
 * Calls `onChange` when another process changed the project's dataset: `ser import`, `ser relabel`,
 * `ser undo` or `ser labels --set` in a terminal while the studio is open. SQLite's data_version moves only
 * for commits made through other connections, so the poll costs one pragma while nothing happens, and this
 * connection's own writes never trigger it.
 */
export function watchExternalChanges(
  db: Db,
  onChange: () => void,
  intervalMs = EXTERNAL_POLL_MS,
): ExternalChangeWatch {
  const fingerprint = db.prepare(FINGERPRINT_SQL);
  const read = (): string => JSON.stringify(fingerprint.get());
  let version = db.pragma('data_version', { simple: true });
  let seen = read();
  const timer = setInterval(() => {
    if (!db.open) return;
    const now = db.pragma('data_version', { simple: true });
    if (now === version) return;
    version = now;
    const current = read();
    if (current === seen) return;
    seen = current;
    onChange();
  }, intervalMs);
  timer.unref();
  return {
    resync() {
      if (db.open) seen = read();
    },
    stop: () => clearInterval(timer),
  };
}
