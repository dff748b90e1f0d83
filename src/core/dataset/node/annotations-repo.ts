import { randomUUID } from 'node:crypto';
import { annotatorKey, checkAnnotatorName, cleanAnnotatorName } from '../../../common/annotator-name.js';
import type { TieRule } from '../../../common/contract.js';
import { DEFAULT_TIE_RULE, TIE_RULES, type TieRuleKind } from '../../../common/options.js';
import { consensusLabel, type AgreementItem, type Annotation } from '../../agreement/index.js';
import type { Db } from './db.js';
import { SettingsRepo } from './settings-repo.js';
import { statementCache } from './sql.js';

const TIE_RULE_KEY = 'tieRule';

/**
 * Each annotator's current label of each clip, and the project's tie rule. The clip's training label
 * (clips.label) follows from these through `consensusLabel`; LabelsRepo writes both in one transaction.
 */
export class AnnotationsRepo {
  private readonly settings: SettingsRepo;

  private readonly statement: ReturnType<typeof statementCache>;

  constructor(private readonly db: Db) {
    this.settings = new SettingsRepo(db);
    this.statement = statementCache(db);
  }

  /**
   * The name a person labels under in this project, from any spelling of it (annotator-name.ts): the first
   * spelling the project met, registering a new person. A new name must pass the rule's checks (not empty,
   * at most 100 characters); a known one is found whatever its length.
   */
  person(raw: string): string {
    const known = this.registeredName(annotatorKey(raw));
    if (known !== null) return known;
    const name = checkAnnotatorName(raw);
    this.statement('INSERT INTO annotators (key, name) VALUES (?, ?)').run(annotatorKey(name), name);
    return name;
  }

  /** The spelling a name is known by, without registering it (a filter, a tie rule): the clean name if new. */
  known(raw: string): string {
    return this.registeredName(annotatorKey(raw)) ?? cleanAnnotatorName(raw);
  }

  private registeredName(key: string): string | null {
    const row = this.statement('SELECT name FROM annotators WHERE key = ?').get(key) as
      { name: string } | undefined;
    return row?.name ?? null;
  }

  of(clipId: number): Annotation[] {
    return this.db
      .prepare('SELECT annotator, label FROM annotations WHERE clip_id = ? ORDER BY annotator')
      .all(clipId) as Annotation[];
  }

  get(clipId: number, annotator: string): string | null {
    const row = this.db
      .prepare('SELECT label FROM annotations WHERE clip_id = ? AND annotator = ?')
      .get(clipId, annotator) as { label: string } | undefined;
    return row?.label ?? null;
  }

  /** Sets (or with null removes) one annotator's label of a clip; `annotator` is a name as person() gives it. */
  set(clipId: number, annotator: string, label: string | null, at: string): void {
    if (label === null) {
      this.db.prepare('DELETE FROM annotations WHERE clip_id = ? AND annotator = ?').run(clipId, annotator);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO annotations (clip_id, annotator, label, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (clip_id, annotator) DO UPDATE SET label = excluded.label, at = excluded.at`,
      )
      .run(clipId, annotator, label, at);
  }

  /** Everyone who has labelled a clip of this project, alphabetically. */
  annotators(): string[] {
    return (
      this.db.prepare('SELECT DISTINCT annotator FROM annotations ORDER BY annotator').all() as Array<{
        annotator: string;
      }>
    ).map((r) => r.annotator);
  }

  tieRule(): TieRule {
    const v = this.settings.get(TIE_RULE_KEY) as Partial<TieRule> | undefined;
    const rule: TieRuleKind = TIE_RULES.find((r) => r === v?.rule) ?? DEFAULT_TIE_RULE;
    return { rule, adjudicator: typeof v?.adjudicator === 'string' ? v.adjudicator : null };
  }

  /**
   * Sets the tie rule and re-derives the label of every clip with two or more annotators under it, as one
   * undoable bulk action; how many clips' labels changed.
   */
  setTieRule(tieRule: TieRule): number {
    if (tieRule.rule === 'adjudicator' && !tieRule.adjudicator)
      throw new Error('the adjudicator rule needs the adjudicator’s name');
    const adjudicator = tieRule.adjudicator === null ? null : this.known(tieRule.adjudicator);
    return this.db
      .transaction((): number => {
        this.settings.set(TIE_RULE_KEY, { ...tieRule, adjudicator });
        const clips = this.db
          .prepare(
            `SELECT c.id, c.label, c.label_source FROM clips c
             WHERE (SELECT count(*) FROM annotations a WHERE a.clip_id = c.id) >= 2`,
          )
          .all() as Array<{ id: number; label: string | null; label_source: string | null }>;
        const at = new Date().toISOString();
        const group = randomUUID();
        let changed = 0;
        for (const c of clips) {
          const { label } = consensusLabel(this.of(c.id), { ...tieRule, adjudicator }, c.label);
          if (label === c.label) continue;
          const source = label === null ? null : 'user';
          this.db
            .prepare('UPDATE clips SET label = ?, label_source = ?, updated_at = ? WHERE id = ?')
            .run(label, source, at, c.id);
          this.db
            .prepare(
              `INSERT INTO label_events (clip_id, old_label, new_label, old_label_source, new_label_source, source, group_id, at)
               VALUES (?, ?, ?, ?, ?, 'bulk', ?, ?)`,
            )
            .run(c.id, c.label, label, c.label_source, source, group, at);
          changed++;
        }
        return changed;
      })
      .immediate();
  }

  /** Whether the clip's annotators tie for the most votes. */
  tied(clipId: number): boolean {
    return consensusLabel(this.of(clipId), { rule: 'flag', adjudicator: null }, null).tied;
  }

  /** Every good clip that any annotator labelled, with its acted emotion: what agreement is computed on. */
  agreementItems(): AgreementItem[] {
    const rows = this.db
      .prepare(
        `SELECT c.id, c.intended_label, a.annotator, a.label FROM annotations a JOIN clips c ON c.id = a.clip_id
         WHERE c.status = 'ok' ORDER BY c.id, a.annotator`,
      )
      .all() as Array<{ id: number; intended_label: string | null; annotator: string; label: string }>;
    const items = new Map<number, { annotations: Annotation[]; intended: string | null }>();
    for (const r of rows) {
      const item = items.get(r.id) ?? { annotations: [], intended: r.intended_label };
      item.annotations.push({ annotator: r.annotator, label: r.label });
      items.set(r.id, item);
    }
    return [...items.values()];
  }
}
