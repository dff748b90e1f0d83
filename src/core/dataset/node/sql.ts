/** Small helpers shared by the SQL the dataset layer and the studio's clip table build at run time. */
import type { Statement } from 'better-sqlite3';
import type { Db } from './db-handle.js';

/**
 * Prepares each distinct SQL text once. Filter combinations are few; caching their statements keeps a
 * scrolling table from re-preparing SQL. Past 256 texts the cache starts over, so it cannot grow without bound.
 */
export function statementCache(db: Db): (sql: string) => Statement<unknown[]> {
  const cache = new Map<string, Statement<unknown[]>>();
  return (sql) => {
    let s = cache.get(sql);
    if (!s) {
      if (cache.size > 256) cache.clear();
      s = db.prepare<unknown[]>(sql);
      cache.set(sql, s);
    }
    return s;
  };
}

/**
 * The LIKE pattern matching any text that contains `text` literally: `%`, `_` and the escape character `\`
 * stand for themselves. Use it with `ESCAPE '\'`, as {@link containsCondition} does.
 */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A condition true when any of `columns` contains `text` (case-insensitive for ASCII), with its parameters. */
export function containsCondition(
  columns: readonly string[],
  text: string,
): { sql: string; params: string[] } {
  const pattern = likePattern(text);
  return {
    sql: `(${columns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`,
    params: columns.map(() => pattern),
  };
}

/** The conditions of a WHERE clause and their parameters, in the order they are added. */
export class Conditions {
  private readonly conds: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: readonly unknown[]): void {
    this.conds.push(sql);
    this.params.push(...params);
  }

  /** `WHERE a AND b ...`, or '' when there is no condition. */
  where(): string {
    return this.conds.length ? `WHERE ${this.conds.join(' AND ')}` : '';
  }
}
