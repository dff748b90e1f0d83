import type { Db } from './db-handle.js';
import { mergeAnnotatorSpellings } from './merge-annotators.js';
import { widenCheck } from './rebuild-table.js';

/**
 * One schema step: SQL, or a function for what SQL alone cannot say (a table rebuild that keeps columns
 * later steps may have added). Either runs inside the step's transaction.
 */
export type Migration = string | ((db: Db) => void);

/**
 * The project schema, one step per version. PRAGMA user_version holds how many steps a file has had;
 * never edit a step that has shipped: append a new one.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 1: clips, label history, settings, and what the learning engine records.
  `
  CREATE TABLE clips (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT,
    format TEXT,
    duration_s REAL,
    sample_rate INTEGER,
    channels INTEGER,
    speaker TEXT NOT NULL DEFAULT 'unknown',
    label TEXT,
    label_source TEXT CHECK (label_source IN ('manifest', 'convention', 'folder', 'user')),
    split TEXT CHECK (split IN ('train', 'val', 'test')),
    status TEXT NOT NULL CHECK (status IN ('ok', 'rejected')),
    reason TEXT,
    reject_code TEXT,
    peak REAL,
    rms REAL,
    clipped_fraction REAL,
    silent_fraction REAL,
    corpus TEXT,
    imported_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (status = 'rejected' OR (sha256 IS NOT NULL AND duration_s IS NOT NULL))
  );
  CREATE UNIQUE INDEX clips_sha256_ok ON clips (sha256) WHERE status = 'ok';
  CREATE INDEX clips_sha256 ON clips (sha256);
  -- (status, ...) indexes cover the stats queries and the clip table's usual filter-and-sort pages.
  CREATE INDEX clips_status_label ON clips (status, label, duration_s);
  CREATE INDEX clips_label ON clips (label);
  CREATE INDEX clips_speaker ON clips (speaker);
  CREATE INDEX clips_status_speaker ON clips (status, speaker);
  CREATE INDEX clips_status_split ON clips (status, split, duration_s);
  CREATE INDEX clips_duration ON clips (duration_s);

  CREATE TABLE label_events (
    id INTEGER PRIMARY KEY,
    clip_id INTEGER NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
    old_label TEXT,
    new_label TEXT,
    old_label_source TEXT,
    new_label_source TEXT,
    source TEXT NOT NULL CHECK (source IN ('import', 'user', 'bulk', 'undo')),
    group_id TEXT NOT NULL,
    at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
  );
  CREATE INDEX label_events_clip ON label_events (clip_id, id);
  CREATE INDEX label_events_group ON label_events (group_id);
  CREATE INDEX label_events_undoable ON label_events (id) WHERE undone = 0 AND source IN ('user', 'bulk');

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL CHECK (json_valid(value))
  );
  INSERT INTO settings (key, value) VALUES ('labels', '["happy","sad","neutral"]');

  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
    kind TEXT NOT NULL CHECK (kind IN ('train', 'evaluate')),
    labels TEXT NOT NULL CHECK (json_valid(labels)),
    config TEXT NOT NULL CHECK (json_valid(config)),
    split TEXT,
    backend TEXT,
    model_dir TEXT,
    report_dir TEXT,
    metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics)),
    dataset_fingerprint TEXT,
    error TEXT
  );

  CREATE TABLE run_epochs (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    fold INTEGER NOT NULL DEFAULT 0,
    epoch INTEGER NOT NULL,
    loss REAL,
    accuracy REAL,
    val_loss REAL,
    val_accuracy REAL,
    val_macro_f1 REAL,
    lr REAL,
    clips_per_s REAL,
    at TEXT NOT NULL,
    PRIMARY KEY (run_id, fold, epoch)
  );

  CREATE TABLE predictions (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    clip_id INTEGER NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
    fold INTEGER NOT NULL DEFAULT 0,
    label TEXT,
    predicted TEXT NOT NULL,
    confidence REAL NOT NULL,
    probs TEXT NOT NULL CHECK (json_valid(probs)),
    PRIMARY KEY (run_id, clip_id)
  );
  CREATE INDEX predictions_clip ON predictions (clip_id);
  `,
  // 2: the process that owns a running run, so a run whose process was killed can be recognised.
  `
  ALTER TABLE runs ADD COLUMN owner TEXT CHECK (owner IS NULL OR json_valid(owner));
  `,
  // 3: several annotators. Each annotator's current label per clip; who made each label event and what that
  // annotator's label was before and after (so undo restores it); the acted emotion apart from perceived ones.
  `
  CREATE TABLE annotations (
    clip_id INTEGER NOT NULL REFERENCES clips (id) ON DELETE CASCADE,
    annotator TEXT NOT NULL,
    label TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (clip_id, annotator)
  );
  CREATE INDEX annotations_annotator ON annotations (annotator, clip_id);
  ALTER TABLE label_events ADD COLUMN annotator TEXT;
  ALTER TABLE label_events ADD COLUMN old_annotation TEXT;
  ALTER TABLE label_events ADD COLUMN new_annotation TEXT;
  ALTER TABLE clips ADD COLUMN intended_label TEXT;
  `,
  // 4: recording sessions (prompts crossed with emotions, read by one speaker); a recorded take is a clip with
  // its prompt, its session and its place in the session's plan, labelled 'recorded'.
  (db) => {
    // SQLite cannot alter a CHECK: both tables are rebuilt, keeping every column, row and index.
    widenCheck(db, 'clips', "'folder', 'user')", "'folder', 'user', 'recorded')");
    widenCheck(db, 'label_events', "'bulk', 'undo')", "'bulk', 'undo', 'recorded')");
    db.exec(`
    CREATE TABLE recording_sessions (
      id INTEGER PRIMARY KEY,
      speaker TEXT NOT NULL,
      prompts TEXT NOT NULL CHECK (json_valid(prompts)),
      emotions TEXT NOT NULL CHECK (json_valid(emotions)),
      state TEXT NOT NULL CHECK (state IN ('active', 'paused', 'done')),
      position INTEGER NOT NULL DEFAULT 0 CHECK (position >= 0),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    ALTER TABLE clips ADD COLUMN prompt TEXT;
    ALTER TABLE clips ADD COLUMN session_id INTEGER REFERENCES recording_sessions (id) ON DELETE SET NULL;
    ALTER TABLE clips ADD COLUMN take_index INTEGER;
    CREATE UNIQUE INDEX clips_session_take ON clips (session_id, take_index) WHERE session_id IS NOT NULL;
    `);
  },
  // 5: one person, one annotator: every spelling of a name (case, spaces, invisible characters, Unicode
  // form) merged into the first one met, registered in `annotators`, each merge recorded in `annotator_merges`.
  mergeAnnotatorSpellings,
  // 6: a held-out clip is scored twice, as a new voice (the row's own columns) and with its voice known from
  // all of its clips: that prediction, as JSON {predicted, confidence, probs}; null in runs made before.
  `
  ALTER TABLE predictions ADD COLUMN known TEXT CHECK (known IS NULL OR json_valid(known));
  `,
  // 7: long recordings. A recording is kept once (a 16 kHz copy in the project); each utterance of it is a clip
  // pointing at it, with its start and end (its own short file too, so every reader of clips reads it as one).
  // Editing a recording's segments is a 'segment' event of the label history, whose JSON holds each touched
  // clip's stretch before and after, so undo restores it.
  (db) => {
    widenCheck(db, 'label_events', "'undo', 'recorded')", "'undo', 'recorded', 'segment')");
    db.exec(`
    CREATE TABLE recordings (
      id INTEGER PRIMARY KEY,
      source_path TEXT NOT NULL,
      path TEXT NOT NULL UNIQUE,
      sha256 TEXT NOT NULL UNIQUE,
      format TEXT NOT NULL,
      sample_rate INTEGER NOT NULL,
      channels INTEGER NOT NULL,
      duration_s REAL NOT NULL,
      speaker TEXT NOT NULL,
      corpus TEXT,
      detector TEXT NOT NULL CHECK (json_valid(detector)),
      imported_at TEXT NOT NULL
    );
    ALTER TABLE clips ADD COLUMN recording_id INTEGER REFERENCES recordings (id) ON DELETE CASCADE;
    ALTER TABLE clips ADD COLUMN start_s REAL;
    ALTER TABLE clips ADD COLUMN end_s REAL;
    CREATE INDEX clips_recording ON clips (recording_id, start_s) WHERE recording_id IS NOT NULL;
    ALTER TABLE label_events ADD COLUMN segment TEXT CHECK (segment IS NULL OR json_valid(segment));
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
