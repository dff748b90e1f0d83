import { randomUUID } from 'node:crypto';
import { annotatorKey, checkAnnotatorName, cleanAnnotatorName } from '../../../common/annotator-name.js';
import type { TieRule } from '../../../common/contract.js';
import { DEFAULT_TIE_RULE, TIE_RULES, type TieRuleKind } from '../../../common/options.js';
import { consensusLabel, type AgreementItem, type Annotation } from '../consensus.js';
import type { Db } from './db-handle.js';
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
    const reader = new AgreementReader(this);
    while (reader.readPage());
    return reader.items();
  }

  /** The last clip agreement would read: how far a reader is, for progress (one look in the index). */
  lastAnnotatedClip(): number {
    return (
      (this.statement('SELECT max(clip_id) AS id FROM annotations').get() as { id: number | null }).id ?? 0
    );
  }

  /** The annotations agreement reads after (clip, annotator) `after`, in that order: a page at a time. */
  agreementRows(after: { clipId: number; annotator: string } | null, limit: number): AgreementRow[] {
    return this.statement(
      // CROSS JOIN keeps annotations the outer loop: a page is a range of its primary key, not a sort of all.
      `SELECT a.clip_id AS clipId, c.intended_label AS intended, a.annotator, a.label
       FROM annotations a CROSS JOIN clips c ON c.id = a.clip_id
       WHERE (a.clip_id, a.annotator) > (?, ?) AND c.status = 'ok'
       ORDER BY a.clip_id, a.annotator LIMIT ?`,
    ).all(after?.clipId ?? -1, after?.annotator ?? '', limit) as AgreementRow[];
  }
}

export interface AgreementRow {
  clipId: number;
  intended: string | null;
  annotator: string;
  label: string;
}

/** Rows a page of annotations per call, so a caller can let other work run between pages. */
export const AGREEMENT_PAGE_ROWS = 1000;

/** Reads agreement's items a page at a time; a clip whose annotations straddle two pages is one item. */
export class AgreementReader {
  private readonly byClip = new Map<number, AgreementItem & { annotations: Annotation[] }>();
  private after: AgreementRow | null = null;

  constructor(
    private readonly repo: AnnotationsRepo,
    private readonly pageRows = AGREEMENT_PAGE_ROWS,
  ) {}

  /** Reads the next page; false once there was nothing more. */
  readPage(): boolean {
    const rows = this.repo.agreementRows(this.after, this.pageRows);
    for (const r of rows) {
      let item = this.byClip.get(r.clipId);
      if (!item) this.byClip.set(r.clipId, (item = { annotations: [], intended: r.intended }));
      item.annotations.push({ annotator: r.annotator, label: r.label });
    }
    this.after = rows.at(-1) ?? this.after;
    return rows.length === this.pageRows;
  }

  items(): AgreementItem[] {
    return [...this.byClip.values()];
  }

  /** The clip of the last annotation read (0 before the first page). */
  get lastClip(): number {
    return this.after?.clipId ?? 0;
  }
}
