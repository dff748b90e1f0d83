import { randomUUID } from 'node:crypto';
import { consensusLabel } from '../../agreement/consensus.js';
import { AnnotationsRepo } from './annotations-repo.js';
import type { Db } from './db.js';
import { canonicalLabel, UnknownLabelError } from '../labels.js';
import type { LabelEvent, LabelEventSource, LabelSource } from '../types.js';
import { RecordingsRepo, type SegmentState } from './recordings-repo.js';

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
  /** The annotator the label was recorded for, as the project spells them; null without one. */
  annotator: string | null;
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
  annotator: string | null;
  old_annotation: string | null;
  new_annotation: string | null;
  segment: string | null;
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
    annotator: r.annotator,
    annotatorLabel: r.new_annotation,
    ...(r.segment === null ? {} : { segment: segmentSpans(r.segment) }),
  };
}

function segmentSpans(json: string): NonNullable<LabelEvent['segment']> {
  const { before, after } = JSON.parse(json) as { before: SegmentState | null; after: SegmentState | null };
  const span = (s: SegmentState | null) => s && { startS: s.startS, endS: s.endS, status: s.status };
  return { before: span(before), after: span(after) };
}

/** The sources an undo walks back: a person's actions. */
const UNDOABLE = "('user', 'bulk', 'segment')";

/** Label changes and their history: every change is an event, so any user action can be undone. */
export class LabelsRepo {
  private readonly annotations: AnnotationsRepo;
  private readonly recordings: RecordingsRepo;

  constructor(private readonly db: Db) {
    this.annotations = new AnnotationsRepo(db);
    this.recordings = new RecordingsRepo(db);
  }

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
   * alias of one, or null to mark the clips unlabelled. Many clips at once are a 'bulk' action. With an
   * `annotator`, it is that annotator's label: the clip keeps every annotator's label and its training label
   * becomes their consensus (see consensusLabel); without one, the label is set directly, as before annotators.
   */
  relabel(
    clipIds: readonly number[],
    label: string | null,
    opts: { source?: 'user' | 'bulk'; annotator?: string | null } = {},
  ): RelabelResult {
    let target: string | null = null;
    if (label !== null) {
      target = canonicalLabel(label) ?? null;
      if (target === null) throw new UnknownLabelError(label);
    }
    const source = opts.source ?? (clipIds.length > 1 ? 'bulk' : 'user');
    // Any spelling of a known person's name is that person (annotator-name.ts).
    const annotator = opts.annotator == null ? null : this.annotations.person(opts.annotator);
    const groupId = randomUUID();
    const at = new Date().toISOString();
    const select = this.db.prepare('SELECT id, path, label, label_source FROM clips WHERE id = ?');
    const update = this.db.prepare(
      'UPDATE clips SET label = ?, label_source = ?, updated_at = ? WHERE id = ?',
    );
    const insert = this.db.prepare(
      `INSERT INTO label_events (clip_id, old_label, new_label, old_label_source, new_label_source, source, group_id, at,
         annotator, old_annotation, new_annotation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.db
      .transaction((): RelabelResult => {
        const changed: LabelChange[] = [];
        let unchanged = 0;
        const tieRule = annotator === null ? null : this.annotations.tieRule();
        for (const id of new Set(clipIds)) {
          const clip = select.get(id) as
            { id: number; path: string; label: string | null; label_source: LabelSource | null } | undefined;
          if (!clip) throw new Error(`no clip with id ${id}`);
          let newLabel = target;
          let oldAnnotation: string | null = null;
          if (annotator !== null && tieRule !== null) {
            oldAnnotation = this.annotations.get(id, annotator);
            // Unlabelling a clip nobody annotated yet (an imported label) unlabels it, as without a name.
            const unlabelsImport =
              target === null && clip.label !== null && this.annotations.of(id).length === 0;
            if (oldAnnotation === target && !unlabelsImport) {
              unchanged++;
              continue;
            }
            this.annotations.set(id, annotator, target, at);
            const all = this.annotations.of(id);
            newLabel = all.length === 0 ? target : consensusLabel(all, tieRule, clip.label).label;
          } else if (clip.label === target) {
            unchanged++;
            continue;
          }
          const labelChanged = newLabel !== clip.label;
          const newSource: LabelSource | null = !labelChanged
            ? clip.label_source
            : newLabel === null
              ? null
              : 'user';
          if (labelChanged) update.run(newLabel, newSource, at, id);
          insert.run(
            id,
            clip.label,
            newLabel,
            clip.label_source,
            newSource,
            source,
            groupId,
            at,
            annotator,
            oldAnnotation,
            annotator === null ? null : target,
          );
          changed.push({ clipId: id, path: clip.path, from: clip.label, to: newLabel });
        }
        return { groupId: changed.length ? groupId : null, changed, unchanged, annotator };
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
             WHERE undone = 0 AND source IN ${UNDOABLE} ORDER BY id DESC LIMIT 1`,
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
          `INSERT INTO label_events (clip_id, old_label, new_label, old_label_source, new_label_source, source, group_id, at,
             annotator, old_annotation, new_annotation, segment)
           VALUES (?, ?, ?, ?, ?, 'undo', ?, ?, ?, ?, ?, ?)`,
        );
        const changed: LabelChange[] = [];
        for (const e of events) {
          const clip = pathOf.get(e.clip_id) as { path: string; label: string | null };
          let segment: string | null = null;
          if (e.segment !== null) {
            // A segment edit: the clip goes back to its stretch (a clip the edit made is removed again).
            const { before, after } = JSON.parse(e.segment) as {
              before: SegmentState | null;
              after: SegmentState;
            };
            const restored: SegmentState = before ?? { ...after, status: 'removed' };
            this.recordings.apply(e.clip_id, restored, at);
            segment = JSON.stringify({ before: after, after: restored });
          }
          update.run(e.old_label, e.old_label_source, at, e.clip_id);
          // An annotator's change also gets that annotator's own label back.
          if (e.annotator !== null) this.annotations.set(e.clip_id, e.annotator, e.old_annotation, at);
          insert.run(
            e.clip_id,
            clip.label,
            e.old_label,
            e.new_label_source,
            e.old_label_source,
            undoGroup,
            at,
            e.annotator,
            e.new_annotation,
            e.old_annotation,
            segment,
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
        .prepare(`SELECT 1 FROM label_events WHERE undone = 0 AND source IN ${UNDOABLE} LIMIT 1`)
        .get() !== undefined
    );
  }
}
