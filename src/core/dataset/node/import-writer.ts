import fs from 'node:fs';
import type { TieRule } from '../../../common/contract.js';
import { consensusLabel } from '../consensus.js';
import type { Clip } from '../types.js';
import type { NewClip } from './clips-repo.js';
import type { Examined } from './import-examine.js';
import { UNLABELLED_KEY, type ImportSummary } from '../import-summary.js';
import type { Project } from './project.js';

export const IMPORT_BATCH_SIZE = 64;

/**
 * Collects examined files and writes them a batch at a time, each batch in one transaction: an import killed
 * at any moment leaves whole batches or nothing of one, and running it again picks up where it stopped.
 */
export class ImportWriter {
  private pending: Examined[] = [];
  private tieRule?: TieRule;

  constructor(
    private readonly project: Project,
    private readonly summary: ImportSummary,
    private readonly groupId: string,
    private readonly batchSize = IMPORT_BATCH_SIZE,
  ) {}

  add(result: Examined): void {
    this.pending.push(result);
    if (this.pending.length >= this.batchSize) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.project.transaction(() => {
      const now = new Date().toISOString();
      for (const r of batch) this.write(r, now);
    });
  }

  private write(r: Examined, now: string): void {
    if (r.kind === 'rejected') return this.writeRejected(r, now);
    if (r.origin.unknownLabel !== null) {
      const unknown = (this.summary.unknownLabels ??= {});
      unknown[r.origin.unknownLabel] = (unknown[r.origin.unknownLabel] ?? 0) + 1;
    }
    // Looked up again here: an earlier file of this very import may have brought the same content.
    const known = this.project.clips.getBySha256(r.sha256);
    if (known) return this.writeKnown(known, r, now);
    if (r.kind === 'known') throw new Error(`internal: ${r.path} was known but its clip is gone`);
    this.writeDecoded(r, now);
  }

  private writeRejected(r: Extract<Examined, { kind: 'rejected' }>, now: string): void {
    const { clips } = this.project;
    const atPath = clips.getByPath(r.path);
    const row = rejectedRow(r);
    if (atPath) clips.replace(atPath.id, keepUserLabel(row, atPath), now);
    else clips.insert(row, now);
    this.summary.rejected.push({ path: r.path, reason: r.reason, code: r.code });
  }

  /** Content the project has: the same file, a moved one, or a copy of one still in place (a duplicate). */
  private writeKnown(known: Clip, r: Exclude<Examined, { kind: 'rejected' }>, now: string): void {
    const { clips } = this.project;
    if (known.path !== r.path) {
      const atPath = clips.getByPath(r.path);
      // A copy of a file still in place; or another clip still claims this path: leave both rather than guess.
      if (fs.existsSync(known.path) || atPath?.status === 'ok') {
        this.summary.duplicates++;
        return;
      }
      if (atPath) clips.delete(atPath.id);
      clips.setPath(known.id, r.path, now);
      this.summary.moved++;
      this.refreshFromSource(known, r, now);
    } else if (this.refreshFromSource(known, r, now)) this.summary.updated++;
    else this.summary.unchanged++;
    if (this.restoreAnnotations(known.id, r.origin, now) > 0) {
      const before = clips.get(known.id)!;
      const voted = this.votedLabel(known.id, before.label);
      if (voted.label !== before.label) {
        clips.setLabel(known.id, voted.label, voted.labelSource, now);
        this.recordLabel(known.id, before, voted, now);
      }
    }
    this.tally(clips.get(known.id)!);
  }

  /** New content: a new clip, or new content for the clip at this path (rejected before, or changed). */
  private writeDecoded(r: Extract<Examined, { kind: 'decoded' }>, now: string): void {
    const { clips } = this.project;
    const row: NewClip = {
      path: r.path,
      sha256: r.sha256,
      ...r.audio,
      speaker: r.origin.speaker,
      label: r.origin.label,
      labelSource: r.origin.labelSource,
      split: r.origin.split,
      status: 'ok',
      reason: null,
      rejectCode: null,
      corpus: r.origin.corpus,
    };
    const atPath = clips.getByPath(r.path);
    const id = atPath ? atPath.id : clips.insert(row, now);
    if (atPath) {
      const kept = keepUserLabel(row, atPath);
      clips.replace(id, kept, now);
      if (atPath.status === 'ok') this.summary.updated++;
      else this.summary.added++;
      row.label = kept.label;
      row.labelSource = kept.labelSource;
    } else this.summary.added++;
    if (this.restoreAnnotations(id, r.origin, now) > 0) {
      const voted = this.votedLabel(id, row.label);
      if (voted.label !== row.label) {
        clips.setLabel(id, voted.label, voted.labelSource, now);
        row.label = voted.label;
        row.labelSource = voted.labelSource;
      }
    }
    const before = atPath ?? { label: null, labelSource: null };
    if (!atPath || before.label !== row.label) this.recordLabel(id, before, row, now);
    this.tally({ label: row.label, speaker: row.speaker, durationS: row.durationS });
  }

  private recordLabel(
    clipId: number,
    before: Pick<Clip, 'label' | 'labelSource'>,
    after: Pick<Clip, 'label' | 'labelSource'>,
    now: string,
  ): void {
    this.project.labels.record({
      clipId,
      oldLabel: before.label,
      newLabel: after.label,
      oldLabelSource: before.labelSource,
      newLabelSource: after.labelSource,
      source: 'import',
      groupId: this.groupId,
      at: now,
    });
  }

  /**
   * A known clip seen again: what the source says now (a corrected manifest, a file moved into another
   * label folder) replaces what an import set before, but never a label a person chose.
   */
  private refreshFromSource(clip: Clip, r: Examined, now: string): boolean {
    const { clips, labels } = this.project;
    let changed = false;
    const o = r.origin;
    if (o.label !== null && o.label !== clip.label && !chosenByPerson(clip)) {
      clips.setLabel(clip.id, o.label, o.labelSource, now);
      labels.record({
        clipId: clip.id,
        oldLabel: clip.label,
        newLabel: o.label,
        oldLabelSource: clip.labelSource,
        newLabelSource: o.labelSource,
        source: 'import',
        groupId: this.groupId,
        at: now,
      });
      changed = true;
    }
    if (
      (o.split !== null && o.split !== clip.split) ||
      (o.speakerSource === 'manifest' && o.speaker !== clip.speaker)
    ) {
      clips.setSpeakerAndSplit(
        clip.id,
        o.speakerSource === 'manifest' ? o.speaker : clip.speaker,
        o.split ?? clip.split,
        now,
      );
      // A segment's speaker is its recording's: all of its segments change together (one voice, one fold side).
      const segment = this.project.recordings.segmentOf(clip.id);
      if (segment && o.speakerSource === 'manifest' && o.speaker !== clip.speaker)
        this.project.recordings.setSpeaker(segment.recordingId, o.speaker, now);
      changed = true;
    }
    return changed;
  }

  /**
   * The acted emotion and the annotators' labels a source gives (an exported manifest read back). An
   * annotator's label already in the project is never replaced: it was given here, the file is a copy.
   */
  private restoreAnnotations(id: number, o: Examined['origin'], now: string): number {
    const { clips, annotations } = this.project;
    if (o.intended !== null) clips.setIntendedLabel(id, o.intended);
    let added = 0;
    for (const a of o.annotations) {
      // Under the spelling the project knows this person by (annotator-name.ts).
      const person = annotations.person(a.annotator);
      if (annotations.get(id, person) !== null) continue;
      annotations.set(id, person, a.label, now);
      added++;
    }
    return added;
  }

  /**
   * The training label once a source brought annotators' labels: their majority, as when a person labels
   * under their name (consensusLabel; the project's tie rule decides a tie, 'flag' keeping `current`), whatever
   * the row's own label column says.
   */
  private votedLabel(id: number, current: string | null): Pick<Clip, 'label' | 'labelSource'> {
    const { annotations } = this.project;
    this.tieRule ??= annotations.tieRule();
    const { label } = consensusLabel(annotations.of(id), this.tieRule, current);
    return { label, labelSource: label === null ? null : 'manifest' };
  }

  private tally(c: { label: string | null; speaker: string; durationS: number | null }): void {
    const s = this.summary;
    const label = c.label ?? UNLABELLED_KEY;
    s.perLabel[label] = (s.perLabel[label] ?? 0) + 1;
    s.perSpeaker[c.speaker] = (s.perSpeaker[c.speaker] ?? 0) + 1;
    s.durationS += c.durationS ?? 0;
  }
}

function rejectedRow(r: Extract<Examined, { kind: 'rejected' }>): NewClip {
  return {
    path: r.path,
    sha256: r.sha256,
    format: null,
    durationS: null,
    sampleRate: null,
    channels: null,
    speaker: r.origin.speaker,
    label: r.origin.label,
    labelSource: r.origin.labelSource,
    split: r.origin.split,
    status: 'rejected',
    reason: r.reason,
    rejectCode: r.code,
    peak: null,
    rms: null,
    clippedFraction: null,
    silentFraction: null,
    corpus: r.origin.corpus,
  };
}

/** A label someone gave (relabelled, or acted in a recorded take): an import never replaces it. */
function chosenByPerson(clip: Clip): boolean {
  return clip.labelSource === 'user' || clip.labelSource === 'recorded';
}

function keepUserLabel(row: NewClip, existing: Clip): NewClip {
  return chosenByPerson(existing)
    ? { ...row, label: existing.label, labelSource: existing.labelSource }
    : row;
}
