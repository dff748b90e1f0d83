import { randomUUID } from 'node:crypto';
import { annotatorKey, cleanAnnotatorName } from '../../../common/annotator-name.js';
import { consensusLabel } from '../consensus.js';
import { AnnotationsRepo } from './annotations-repo.js';
import type { Db } from './db-handle.js';

/**
 * Schema step 5: one person, one annotator. Before it, "Ben" and "ben", "Anna Lee" and "Anna  Lee", "Renée" in
 * NFC and NFD, "Cleo" with a zero-width space were different annotators, each an extra vote and an extra rater.
 * This step registers every name under its key (annotator-name.ts) with the first spelling the project met,
 * cleaned; renames every other spelling to it in the annotations, the label history and the tie rule; where
 * one person labelled a clip under two spellings it keeps their later label; re-derives the label of the clips
 * whose votes changed (one undoable bulk action, as a tie-rule change is); and records each merge in
 * `annotator_merges`. A name with no visible character is left as it is.
 */
export function mergeAnnotatorSpellings(db: Db): void {
  db.exec(`
    CREATE TABLE annotators (
      key TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE annotator_merges (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      merged_into TEXT NOT NULL,
      labels INTEGER NOT NULL,
      dropped INTEGER NOT NULL,
      at TEXT NOT NULL
    );
  `);
  const repo = new AnnotationsRepo(db);
  const tieRule = repo.tieRule();
  const displayOf = firstSpellings(db, tieRule.adjudicator);
  const at = new Date().toISOString();

  const register = db.prepare('INSERT INTO annotators (key, name) VALUES (?, ?)');
  for (const [key, name] of displayOf) register.run(key, name);
  const touched = new Set<number>();
  const merge = spellingMerger(db, at, touched);
  for (const name of spellings(db, tieRule.adjudicator)) {
    const into = displayOf.get(annotatorKey(name));
    if (into !== undefined && into !== name) merge(name, into);
  }

  const adjudicator = tieRule.adjudicator === null ? null : displayOf.get(annotatorKey(tieRule.adjudicator));
  const rule = adjudicator ? { ...tieRule, adjudicator } : tieRule;
  if (rule !== tieRule)
    db.prepare("UPDATE settings SET value = ? WHERE key = 'tieRule'").run(JSON.stringify(rule));
  relabelByConsensus(db, repo, [...touched], rule, at);
}

/**
 * Renames a spelling to the name its person keeps, in the annotations and the label history, and records the
 * merge; the clips it touched are added to `touched`.
 */
function spellingMerger(db: Db, at: string, touched: Set<number>): (name: string, into: string) => void {
  const rowsOf = db.prepare('SELECT clip_id, label, at FROM annotations WHERE annotator = ?');
  const keptRow = db.prepare('SELECT at FROM annotations WHERE clip_id = ? AND annotator = ?');
  const overwrite = db.prepare(
    'UPDATE annotations SET label = ?, at = ? WHERE clip_id = ? AND annotator = ?',
  );
  const drop = db.prepare('DELETE FROM annotations WHERE clip_id = ? AND annotator = ?');
  const rename = db.prepare('UPDATE annotations SET annotator = ? WHERE annotator = ?');
  const renameEvents = db.prepare('UPDATE label_events SET annotator = ? WHERE annotator = ?');
  const record = db.prepare(
    'INSERT INTO annotator_merges (name, merged_into, labels, dropped, at) VALUES (?, ?, ?, ?, ?)',
  );
  return (name, into) => {
    const rows = rowsOf.all(name) as Array<{ clip_id: number; label: string; at: string }>;
    let dropped = 0;
    for (const r of rows) {
      touched.add(r.clip_id);
      const kept = keptRow.get(r.clip_id, into) as { at: string } | undefined;
      if (!kept) continue;
      // One person labelled this clip under two spellings: their later label is their label.
      if (r.at > kept.at) overwrite.run(r.label, r.at, r.clip_id, into);
      drop.run(r.clip_id, name);
      dropped++;
    }
    rename.run(into, name);
    renameEvents.run(into, name);
    record.run(name, into, rows.length - dropped, dropped, at);
  };
}

/** Every spelling the project holds: in annotations, in the label history, and the tie rule's adjudicator. */
function spellings(db: Db, adjudicator: string | null): string[] {
  const names = db
    .prepare(
      `SELECT annotator AS name, min(at) AS first FROM (
         SELECT annotator, at FROM label_events WHERE annotator IS NOT NULL
         UNION ALL SELECT annotator, at FROM annotations)
       GROUP BY annotator ORDER BY first, annotator`,
    )
    .all() as Array<{ name: string }>;
  const all = names.map((n) => n.name);
  if (adjudicator !== null && !all.includes(adjudicator)) all.push(adjudicator);
  return all;
}

/** Each person's key and the name they keep: the first spelling the project met, cleaned. */
function firstSpellings(db: Db, adjudicator: string | null): Map<string, string> {
  const displayOf = new Map<string, string>();
  for (const name of spellings(db, adjudicator)) {
    const key = annotatorKey(name);
    if (key !== '' && !displayOf.has(key)) displayOf.set(key, cleanAnnotatorName(name));
  }
  return displayOf;
}

/** Clips whose annotators' votes changed get their consensus label, as one bulk action. */
function relabelByConsensus(
  db: Db,
  repo: AnnotationsRepo,
  clipIds: readonly number[],
  rule: ReturnType<AnnotationsRepo['tieRule']>,
  at: string,
): void {
  const clip = db.prepare('SELECT label, label_source FROM clips WHERE id = ?');
  const update = db.prepare('UPDATE clips SET label = ?, label_source = ?, updated_at = ? WHERE id = ?');
  const event = db.prepare(
    `INSERT INTO label_events (clip_id, old_label, new_label, old_label_source, new_label_source, source, group_id, at)
     VALUES (?, ?, ?, ?, ?, 'bulk', ?, ?)`,
  );
  const group = randomUUID();
  for (const id of clipIds) {
    const c = clip.get(id) as { label: string | null; label_source: string | null } | undefined;
    const annotations = repo.of(id);
    if (!c || annotations.length === 0) continue;
    const { label } = consensusLabel(annotations, rule, c.label);
    if (label === c.label) continue;
    const source = label === null ? null : 'user';
    update.run(label, source, at, id);
    event.run(id, c.label, label, c.label_source, source, group, at);
  }
}
