import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { TieRule } from '../../../common/contract.js';
import { consensusLabel } from '../consensus.js';
import { AnnotationsRepo } from './annotations-repo.js';
import type { Db } from './db-handle.js';
import { statementCache } from './sql.js';
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

/** What a relabel does to each of its clips. */
interface RelabelAction {
  target: string | null;
  annotator: string | null;
  source: 'user' | 'bulk';
  groupId: string;
  at: string;
}

/** One change of a clip's label, as the history records it. */
interface Change {
  clipId: number;
  oldLabel: string | null;
  newLabel: string | null;
  oldSource: LabelSource | null;
  newSource: LabelSource | null;
  source: LabelEventSource;
  groupId: string;
  at: string;
  annotator: string | null;
  oldAnnotation: string | null;
  newAnnotation: string | null;
  /** A segment edit's stretches before and after, as JSON. */
  segment?: string | null;
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
  private readonly stmt: (sql: string) => Statement<unknown[]>;

  constructor(private readonly db: Db) {
    this.annotations = new AnnotationsRepo(db);
    this.recordings = new RecordingsRepo(db);
    this.stmt = statementCache(db);
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
    const { oldLabelSource: oldSource, newLabelSource: newSource, ...change } = e;
    const noAnnotator = { annotator: null, oldAnnotation: null, newAnnotation: null };
    this.apply({ ...change, oldSource, newSource, ...noAnnotator }, false);
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
    // Any spelling of a known person's name is that person (annotator-name.ts).
    const annotator = opts.annotator == null ? null : this.annotations.person(opts.annotator);
    const action: RelabelAction = {
      target,
      annotator,
      source: opts.source ?? (clipIds.length > 1 ? 'bulk' : 'user'),
      groupId: randomUUID(),
      at: new Date().toISOString(),
    };
    return this.db
      .transaction((): RelabelResult => {
        const tieRule = annotator === null ? null : this.annotations.tieRule();
        const changed: LabelChange[] = [];
        let unchanged = 0;
        for (const id of new Set(clipIds)) {
          const change = this.relabelOne(id, action, tieRule);
          if (change) changed.push(change);
          else unchanged++;
        }
        return { groupId: changed.length ? action.groupId : null, changed, unchanged, annotator };
      })
      .immediate();
  }

  /** One clip of a relabel: its change, or null where it already carried the label. */
  private relabelOne(id: number, action: RelabelAction, tieRule: TieRule | null): LabelChange | null {
    const clip = this.stmt('SELECT id, path, label, label_source FROM clips WHERE id = ?').get(id) as
      { id: number; path: string; label: string | null; label_source: LabelSource | null } | undefined;
    if (!clip) throw new Error(`no clip with id ${id}`);
    const next = this.nextLabel(clip, action, tieRule);
    if (next === null) return null;
    const labelChanged = next.label !== clip.label;
    const newSource: LabelSource | null = !labelChanged
      ? clip.label_source
      : next.label === null
        ? null
        : 'user';
    this.apply(
      {
        clipId: id,
        oldLabel: clip.label,
        newLabel: next.label,
        oldSource: clip.label_source,
        newSource,
        source: action.source,
        groupId: action.groupId,
        at: action.at,
        annotator: action.annotator,
        oldAnnotation: next.oldAnnotation,
        newAnnotation: action.annotator === null ? null : action.target,
      },
      labelChanged,
    );
    return { clipId: id, path: clip.path, from: clip.label, to: next.label };
  }

  /**
   * The clip's training label after the action, and the annotator's label before it; null when nothing
   * changes. With an annotator, their label is recorded and the training label is the annotators' consensus.
   */
  private nextLabel(
    clip: { id: number; label: string | null },
    action: RelabelAction,
    tieRule: TieRule | null,
  ): { label: string | null; oldAnnotation: string | null } | null {
    const { target, annotator } = action;
    if (annotator === null || tieRule === null)
      return clip.label === target ? null : { label: target, oldAnnotation: null };
    const oldAnnotation = this.annotations.get(clip.id, annotator);
    // Unlabelling a clip nobody annotated yet (an imported label) unlabels it, as without a name.
    const unlabelsImport =
      target === null && clip.label !== null && this.annotations.of(clip.id).length === 0;
    if (oldAnnotation === target && !unlabelsImport) return null;
    this.annotations.set(clip.id, annotator, target, action.at);
    const all = this.annotations.of(clip.id);
    return {
      label: all.length === 0 ? target : consensusLabel(all, tieRule, clip.label).label,
      oldAnnotation,
    };
  }

  /** Records a change in the history and, when `setLabel`, sets the clip's label to it. */
  private apply(c: Change, setLabel: boolean): void {
    if (setLabel)
      this.stmt('UPDATE clips SET label = ?, label_source = ?, updated_at = ? WHERE id = ?').run(
        c.newLabel,
        c.newSource,
        c.at,
        c.clipId,
      );
    this.stmt(
      `INSERT INTO label_events (clip_id, old_label, new_label, old_label_source, new_label_source, source, group_id, at,
         annotator, old_annotation, new_annotation, segment)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.clipId,
      c.oldLabel,
      c.newLabel,
      c.oldSource,
      c.newSource,
      c.source,
      c.groupId,
      c.at,
      c.annotator,
      c.oldAnnotation,
      c.newAnnotation,
      c.segment ?? null,
    );
  }

  /**
   * Reverts the most recent user or bulk action not yet undone, as a whole, and records the reverts as one
   * 'undo' group. Calling it again walks further back.
   */
  undo(): UndoResult {
    return this.db
      .transaction((): UndoResult => {
        const last = this.stmt(
          `SELECT group_id, source FROM label_events
           WHERE undone = 0 AND source IN ${UNDOABLE} ORDER BY id DESC LIMIT 1`,
        ).get() as { group_id: string; source: LabelEventSource } | undefined;
        if (!last) return { changed: [] };
        const events = this.stmt(
          'SELECT * FROM label_events WHERE group_id = ? AND undone = 0 ORDER BY id DESC',
        ).all(last.group_id) as EventRow[];
        const at = new Date().toISOString();
        const groupId = randomUUID();
        const changed = events.map((e) => this.revert(e, groupId, at));
        this.stmt('UPDATE label_events SET undone = 1 WHERE group_id = ?').run(last.group_id);
        return { undone: { groupId: last.group_id, source: last.source }, changed: changed.reverse() };
      })
      .immediate();
  }

  private revert(e: EventRow, groupId: string, at: string): LabelChange {
    const clip = this.stmt('SELECT path, label FROM clips WHERE id = ?').get(e.clip_id) as {
      path: string;
      label: string | null;
    };
    const segment = e.segment === null ? null : this.revertSegment(e.clip_id, e.segment, at);
    // An annotator's change also gets that annotator's own label back.
    if (e.annotator !== null) this.annotations.set(e.clip_id, e.annotator, e.old_annotation, at);
    this.apply(
      {
        clipId: e.clip_id,
        oldLabel: clip.label,
        newLabel: e.old_label,
        oldSource: e.new_label_source,
        newSource: e.old_label_source,
        source: 'undo',
        groupId,
        at,
        annotator: e.annotator,
        oldAnnotation: e.new_annotation,
        newAnnotation: e.old_annotation,
        segment,
      },
      true,
    );
    return { clipId: e.clip_id, path: clip.path, from: clip.label, to: e.old_label };
  }

  /** A segment edit: the clip goes back to its stretch (a clip the edit made is removed again). */
  private revertSegment(clipId: number, json: string, at: string): string {
    const { before, after } = JSON.parse(json) as { before: SegmentState | null; after: SegmentState };
    const restored: SegmentState = before ?? { ...after, status: 'removed' };
    this.recordings.apply(clipId, restored, at);
    return JSON.stringify({ before: after, after: restored });
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
