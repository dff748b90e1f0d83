import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import { canonicalLabel, UnknownLabelError } from '../labels.js';
import type { LabelEvent, LabelEventSource, LabelSource } from '../types.js';

export interface LabelChange {
  clipId: number;
  path: string;
  from: string | null;
  to: string | null;
}

export interface RelabelResult {
  /** The group of this action (undo reverts it as a whole); null when nothing changed. */
  groupId: string | null;
  changed: LabelChange[];
  /** Clips that already carried the label. */
  unchanged: number;
}

export interface UndoResult {
  /** What the undone action had done (its source and group); undefined when there was nothing to undo. */
  undone?: { groupId: string; source: LabelEventSource };
  /** The label changes made by this undo. */
  changed: LabelChange[];
}

interface EventRow {
  id: number;
  clip_id: number;
  old_label: string | null;
  new_label: string | null;
  old_label_source: LabelSource | null;
  new_label_source: LabelSource | null;
  source: LabelEventSource;
  group_id: string;
  at: string;
  undone: number;
}

function toEvent(r: EventRow): LabelEvent {
  return {
    id: r.id,
    clipId: r.clip_id,
    oldLabel: r.old_label,
    newLabel: r.new_label,
    source: r.source,
    groupId: r.group_id,
    at: r.at,
    undone: r.undone === 1,
  };
}

/** Label changes and their history: every change is an event, so any user action can be undone. */
export class LabelsRepo {
  constructor(private readonly db: Db) {}

  /** Records a label change made outside relabel/undo (an import giving a clip its label). */
  record(e: {
    clipId: number;
    oldLabel: string | null;
    newLabel: string | null;
    oldLabelSource: LabelSource | null;
    newLabelSource: LabelSource | null;
    source: LabelEventSource;
    groupId: string;
    at: string;
  }): void {
    this.db
      .prepare(
        `INSERT INTO label_events (clip_id, old_label, new_label, old_label_source, new_label_source, source, group_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.clipId, e.oldLabel, e.newLabel, e.oldLabelSource, e.newLabelSource, e.source, e.groupId, e.at);
  }

  /**
   * Sets the label of one or many clips as one action, in one transaction. `label` is a canonical word or an
   * alias of one, or null to mark the clips unlabelled. Many clips at once are a 'bulk' action.
   */
  relabel(
    clipIds: readonly number[],
    label: string | null,
    opts: { source?: 'user' | 'bulk' } = {},
  ): RelabelResult {
    let target: string | null = null;
    if (label !== null) {
      target = canonicalLabel(label) ?? null;
      if (target === null) throw new UnknownLabelError(label);
    }
    const source = opts.source ?? (clipIds.length > 1 ? 'bulk' : 'user');
    const groupId = randomUUID();
    const at = new Date().toISOString();
    const select = this.db.prepare('SELECT id, path, label, label_source FROM clips WHERE id = ?');
    const update = this.db.prepare(
      'UPDATE clips SET label = ?, label_source = ?, updated_at = ? WHERE id = ?',
    );
    const insert = this.db.prepare(
      `INSERT INTO label_events (clip_id, old_label, new_label, old_label_source, new_label_source, source, group_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.db
      .transaction((): RelabelResult => {
        const changed: LabelChange[] = [];
        let unchanged = 0;
        const newSource: LabelSource | null = target === null ? null : 'user';
        for (const id of new Set(clipIds)) {
          const clip = select.get(id) as
            { id: number; path: string; label: string | null; label_source: LabelSource | null } | undefined;
          if (!clip) throw new Error(`no clip with id ${id}`);
          if (clip.label === target) {
            unchanged++;
            continue;
          }
          update.run(target, newSource, at, id);
          insert.run(id, clip.label, target, clip.label_source, newSource, source, groupId, at);
          changed.push({ clipId: id, path: clip.path, from: clip.label, to: target });
        }
        return { groupId: changed.length ? groupId : null, changed, unchanged };
      })
      .immediate();
  }

  /**
   * Reverts the most recent user or bulk action not yet undone, as a whole, and records the reverts as one
   * 'undo' group. Calling it again walks further back.
   */
  undo(): UndoResult {
    return this.db
      .transaction((): UndoResult => {
        const last = this.db
          .prepare(
            `SELECT group_id, source FROM label_events
             WHERE undone = 0 AND source IN ('user', 'bulk') ORDER BY id DESC LIMIT 1`,
          )
          .get() as { group_id: string; source: LabelEventSource } | undefined;
        if (!last) return { changed: [] };
        const events = this.db
          .prepare('SELECT * FROM label_events WHERE group_id = ? AND undone = 0 ORDER BY id DESC')
          .all(last.group_id) as EventRow[];
        const at = new Date().toISOString();
        const undoGroup = randomUUID();
        const pathOf = this.db.prepare('SELECT path, label FROM clips WHERE id = ?');
        const update = this.db.prepare(
          'UPDATE clips SET label = ?, label_source = ?, updated_at = ? WHERE id = ?',
        );
        const insert = this.db.prepare(
          `INSERT INTO label_events (clip_id, old_label, new_label, old_label_source, new_label_source, source, group_id, at)
           VALUES (?, ?, ?, ?, ?, 'undo', ?, ?)`,
        );
        const changed: LabelChange[] = [];
        for (const e of events) {
          const clip = pathOf.get(e.clip_id) as { path: string; label: string | null };
          update.run(e.old_label, e.old_label_source, at, e.clip_id);
          insert.run(
            e.clip_id,
            clip.label,
            e.old_label,
            e.new_label_source,
            e.old_label_source,
            undoGroup,
            at,
          );
          changed.push({ clipId: e.clip_id, path: clip.path, from: clip.label, to: e.old_label });
        }
        this.db.prepare('UPDATE label_events SET undone = 1 WHERE group_id = ?').run(last.group_id);
        return { undone: { groupId: last.group_id, source: last.source }, changed: changed.reverse() };
      })
      .immediate();
  }

  /** Every label change of a clip, oldest first. */
  history(clipId: number): LabelEvent[] {
    const rows = this.db
      .prepare('SELECT * FROM label_events WHERE clip_id = ? ORDER BY id')
      .all(clipId) as EventRow[];
    return rows.map(toEvent);
  }

  /** Whether there is an action to undo (for enabling an Undo button). */
  canUndo(): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM label_events WHERE undone = 0 AND source IN ('user', 'bulk') LIMIT 1")
        .get() !== undefined
    );
  }
}
