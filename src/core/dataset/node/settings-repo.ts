import type { Db } from './db-handle.js';
import { DEFAULT_LABEL_SET, parseLabelList, type CanonicalLabel } from '../labels.js';

/** Project settings, each a JSON value under a key. */
export class SettingsRepo {
  constructor(private readonly db: Db) {}

  get(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
  }

  set(key: string, value: unknown): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, JSON.stringify(value));
  }

  /** The emotions this project trains on, in the order the model's outputs will have. */
  labelSet(): CanonicalLabel[] {
    const value = this.get('labels');
    if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string'))
      return [...DEFAULT_LABEL_SET];
    try {
      const labels = parseLabelList(value);
      return labels.length >= 2 ? labels : [...DEFAULT_LABEL_SET];
    } catch {
      return [...DEFAULT_LABEL_SET];
    }
  }

  /** Sets the label set from canonical words or their aliases; at least two distinct emotions. */
  setLabelSet(labels: string | readonly string[]): CanonicalLabel[] {
    const parsed = parseLabelList(labels);
    if (parsed.length < 2) throw new Error('a label set needs at least two different emotions');
    this.set('labels', parsed);
    return parsed;
  }
}
