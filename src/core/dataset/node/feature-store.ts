import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Spectrogram } from '../../features/index.js';

/**
 * Spectrograms cached by (content hash, feature config key), in their own SQLite file beside the project
 * database: it can be deleted at any time to reclaim space, and its bulk writes never hold up the project's.
 */
export class FeatureStore {
  private readonly getStmt: Database.Statement<[string, string]>;
  private readonly getManyStmt: Database.Statement<[string, string]>;
  private readonly hasStmt: Database.Statement<[string, string]>;
  private readonly missingStmt: Database.Statement<[string, string]>;
  private readonly putStmt: Database.Statement<[string, string, number, number, Buffer]>;

  private constructor(private readonly db: Database.Database) {
    this.getStmt = db.prepare('SELECT frames, bins, data FROM features WHERE sha256 = ? AND config_key = ?');
    this.getManyStmt = db.prepare(
      `SELECT sha256, frames, bins, data FROM features
       WHERE config_key = ? AND sha256 IN (SELECT value FROM json_each(?))`,
    );
    this.hasStmt = db.prepare('SELECT 1 FROM features WHERE sha256 = ? AND config_key = ?');
    this.missingStmt = db.prepare(
      `SELECT DISTINCT j.value AS sha256 FROM json_each(?) AS j
       WHERE NOT EXISTS (SELECT 1 FROM features f WHERE f.sha256 = j.value AND f.config_key = ?)`,
    );
    this.putStmt = db.prepare(
      'INSERT OR REPLACE INTO features (sha256, config_key, frames, bins, data) VALUES (?, ?, ?, ?, ?)',
    );
  }

  static open(file: string): FeatureStore {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.exec(`
        CREATE TABLE IF NOT EXISTS features (
          sha256 TEXT NOT NULL,
          config_key TEXT NOT NULL,
          frames INTEGER NOT NULL,
          bins INTEGER NOT NULL,
          data BLOB NOT NULL,
          PRIMARY KEY (config_key, sha256)
        )`);
      return new FeatureStore(db);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  get(sha256: string, key: string): Spectrogram | undefined {
    const row = this.getStmt.get(sha256, key) as { frames: number; bins: number; data: Buffer } | undefined;
    return row && toSpectrogram(row.frames, row.bins, row.data);
  }

  /** The cached spectrograms among `shas`, by content hash; absent ones are simply not in the map. */
  getMany(shas: readonly string[], key: string): Map<string, Spectrogram> {
    const out = new Map<string, Spectrogram>();
    const rows = this.getManyStmt.all(key, JSON.stringify(shas)) as Array<{
      sha256: string;
      frames: number;
      bins: number;
      data: Buffer;
    }>;
    for (const r of rows) out.set(r.sha256, toSpectrogram(r.frames, r.bins, r.data));
    return out;
  }

  has(sha256: string, key: string): boolean {
    return this.hasStmt.get(sha256, key) !== undefined;
  }

  /** The hashes among `shas` with nothing cached for `key` (each once, in no particular order). */
  missing(shas: readonly string[], key: string): string[] {
    return (this.missingStmt.all(JSON.stringify(shas), key) as Array<{ sha256: string }>).map(
      (r) => r.sha256,
    );
  }

  put(sha256: string, key: string, spec: Spectrogram): void {
    this.putStmt.run(sha256, key, spec.frames, spec.bins, toBlob(spec));
  }

  /** Stores many spectrograms in one transaction. */
  putMany(entries: Iterable<{ sha256: string; key: string; spec: Spectrogram }>): void {
    this.db.transaction(() => {
      for (const e of entries) this.putStmt.run(e.sha256, e.key, e.spec.frames, e.spec.bins, toBlob(e.spec));
    })();
  }

  count(key?: string): number {
    const row = (
      key === undefined
        ? this.db.prepare('SELECT count(*) AS n FROM features').get()
        : this.db.prepare('SELECT count(*) AS n FROM features WHERE config_key = ?').get(key)
    ) as { n: number };
    return row.n;
  }

  /** Drops everything cached for one feature config (e.g. after the user changes the config for good). */
  deleteKey(key: string): number {
    return this.db.prepare('DELETE FROM features WHERE config_key = ?').run(key).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toBlob(spec: Spectrogram): Buffer {
  if (spec.data.length !== spec.frames * spec.bins) {
    throw new Error(
      `spectrogram data has ${spec.data.length} values, expected ${spec.frames} x ${spec.bins}`,
    );
  }
  return Buffer.from(spec.data.buffer, spec.data.byteOffset, spec.data.byteLength);
}

function toSpectrogram(frames: number, bins: number, blob: Buffer): Spectrogram {
  // A Float32Array view needs 4-byte alignment; copy only when the driver's buffer doesn't have it.
  const data =
    blob.byteOffset % 4 === 0
      ? new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4)
      : new Float32Array(new Uint8Array(blob).buffer);
  return { frames, bins, data };
}
