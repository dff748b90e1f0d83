// A project of many annotators, written straight into its database (importing audio would take minutes):
// what the agreement test and bench/agreement.ts measure.
import type { Db } from '../../src/core/dataset/node/db-handle.js';
import { createRng } from '../../src/core/util/random.js';

const LABELS = ['happy', 'sad', 'neutral'];

/**
 * `clips` good clips, each labelled by every one of `annotators` annotators (named a0001...), who give the
 * clip's own emotion seven times in ten and a random one otherwise; half the clips carry an acted emotion.
 */
export function fillWithAnnotators(db: Db, annotators: number, clips: number, seed = 1): void {
  const rng = createRng(seed);
  const now = new Date().toISOString();
  const clip = db.prepare(
    `INSERT INTO clips (path, sha256, duration_s, speaker, label, label_source, status, intended_label, imported_at, updated_at)
     VALUES (?, ?, 2, ?, ?, 'manifest', 'ok', ?, ?, ?)`,
  );
  const annotate = db.prepare('INSERT INTO annotations (clip_id, annotator, label, at) VALUES (?, ?, ?, ?)');
  const register = db.prepare('INSERT OR IGNORE INTO annotators (key, name) VALUES (?, ?)');
  const names = Array.from({ length: annotators }, (_, a) => `a${String(a).padStart(4, '0')}`);
  db.transaction(() => {
    for (const name of names) register.run(name, name);
    for (let c = 0; c < clips; c++) {
      const truth = LABELS[c % 3];
      const id = Number(
        clip.run(
          `/synthetic/clip-${c}.wav`,
          `sha-${seed}-${c}`,
          `s${c % 10}`,
          truth,
          c % 2 ? truth : null,
          now,
          now,
        ).lastInsertRowid,
      );
      for (const name of names) annotate.run(id, name, rng.next() < 0.7 ? truth : LABELS[rng.int(3)], now);
    }
  })();
}
