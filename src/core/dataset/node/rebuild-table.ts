import type { Db } from './db-handle.js';

/**
 * Rebuilds `table` with one piece of its CREATE statement replaced (SQLite can't alter a CHECK), the way
 * SQLite's documentation describes: every column stays (whatever earlier steps added), every row keeps its
 * rowid, and the table's indexes are made again. Runs inside the caller's transaction.
 *
 * Needs foreign keys off (migrate() turns them off around its steps): the old table is renamed with
 * legacy_alter_table on, so other tables' REFERENCES keep naming `table` (the new one), and dropping the renamed
 * copy must not cascade into the label history and predictions that refer to its rows.
 */
export function widenCheck(db: Db, table: string, find: string, replace: string): void {
  const row = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as
    { sql: string } | undefined;
  if (!row) throw new Error(`migration: no table ${table}`);
  if (row.sql.split(find).length !== 2) {
    throw new Error(`migration: ${table}'s definition does not hold "${find}" exactly once`);
  }
  const indexes = (
    db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
      .all(table) as Array<{ sql: string }>
  ).map((r) => r.sql);
  const others = db
    .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view') AND sql LIKE ?")
    .all(`%${table}%`) as Array<{ type: string; name: string }>;
  if (others.length > 0) {
    throw new Error(`migration: ${table} is used by ${others.map((o) => `${o.type} ${o.name}`).join(', ')}`);
  }
  if (Number(db.pragma('foreign_keys', { simple: true })) !== 0) {
    throw new Error(`migration: rebuilding ${table} needs foreign keys off`);
  }
  const old = `${table}__before_rebuild`;
  const count = (name: string): number =>
    (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  const rows = count(table);
  const legacy = Number(db.pragma('legacy_alter_table', { simple: true }));
  db.pragma('legacy_alter_table = ON');
  try {
    db.exec(`ALTER TABLE "${table}" RENAME TO "${old}"`);
    db.exec(row.sql.replace(find, replace));
    db.exec(`INSERT INTO "${table}" SELECT * FROM "${old}"`);
    db.exec(`DROP TABLE "${old}"`);
  } finally {
    db.pragma(`legacy_alter_table = ${legacy ? 'ON' : 'OFF'}`);
  }
  for (const sql of indexes) db.exec(sql);
  if (count(table) !== rows) throw new Error(`migration: ${table} lost rows in its rebuild`);
}
