import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Conditions,
  containsCondition,
  likePattern,
  statementCache,
} from '../../../src/core/dataset/node/sql.js';

describe('likePattern', () => {
  it('wraps the text in % so it matches anywhere', () => {
    expect(likePattern('alice')).toBe('%alice%');
    expect(likePattern('')).toBe('%%');
  });

  it('escapes %, _ and the escape character itself', () => {
    expect(likePattern('50%')).toBe('%50\\%%');
    expect(likePattern('a_b')).toBe('%a\\_b%');
    expect(likePattern('c:\\dir')).toBe('%c:\\\\dir%');
    expect(likePattern('%_\\')).toBe('%\\%\\_\\\\%');
  });

  describe('in SQLite', () => {
    const db = new Database(':memory:');
    afterAll(() => db.close());
    const texts = ['a1.wav', 'b_2%.wav', 'b12.wav', 'x\\y.wav', 'xy.wav', 'AB.wav'];
    const matching = (search: string): string[] => {
      const { sql, params } = containsCondition(['t'], search);
      return (
        db
          .prepare(`SELECT t FROM (SELECT value AS t FROM json_each(?)) WHERE ${sql} ORDER BY t`)
          .all(JSON.stringify(texts), ...params) as Array<{ t: string }>
      ).map((r) => r.t);
    };

    it('matches the characters literally', () => {
      expect(matching('_2%')).toEqual(['b_2%.wav']);
      expect(matching('%')).toEqual(['b_2%.wav']);
      expect(matching('_')).toEqual(['b_2%.wav']);
      expect(matching('\\')).toEqual(['x\\y.wav']);
      expect(matching('x\\y')).toEqual(['x\\y.wav']);
    });

    it('ignores ASCII case, and any column may match', () => {
      expect(matching('ab')).toEqual(['AB.wav']);
      const { sql, params } = containsCondition(['a', 'b'], 'q');
      expect(sql).toBe("(a LIKE ? ESCAPE '\\' OR b LIKE ? ESCAPE '\\')");
      expect(params).toEqual(['%q%', '%q%']);
    });
  });
});

describe('Conditions', () => {
  it('joins its conditions with AND and keeps their parameters in order', () => {
    const w = new Conditions();
    expect(w.where()).toBe('');
    w.add('a = ?', 1);
    w.add('b IS NULL');
    w.add('c IN (?, ?)', 'x', 'y');
    expect(w.where()).toBe('WHERE a = ? AND b IS NULL AND c IN (?, ?)');
    expect(w.params).toEqual([1, 'x', 'y']);
  });
});

describe('statementCache', () => {
  it('prepares each SQL text once', () => {
    const db = new Database(':memory:');
    const stmt = statementCache(db);
    expect(stmt('SELECT 1 AS n')).toBe(stmt('SELECT 1 AS n'));
    expect(stmt('SELECT 2 AS n')).not.toBe(stmt('SELECT 1 AS n'));
    expect((stmt('SELECT 2 AS n').get() as { n: number }).n).toBe(2);
    db.close();
  });
});
