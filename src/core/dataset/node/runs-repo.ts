import type { Db } from './db-handle.js';
import { currentOwner, ownerState, parseOwner, type RunOwner } from './run-owner.js';
import type { PredictedLabel, Prediction, Run, RunEpoch, RunKind, RunStatus } from '../types.js';

export interface NewRun {
  kind: RunKind;
  labels: readonly string[];
  config: unknown;
  split?: string | null;
  backend?: string | null;
  modelDir?: string | null;
  reportDir?: string | null;
  datasetFingerprint?: string | null;
  /** Default: this process. */
  owner?: RunOwner;
}

export interface RunUpdate {
  status?: RunStatus;
  backend?: string | null;
  modelDir?: string | null;
  reportDir?: string | null;
  metrics?: unknown;
  error?: string | null;
}

export type NewEpoch = Omit<RunEpoch, 'at' | 'fold'> & { fold?: number; at?: string };
export type NewPrediction = Omit<Prediction, 'runId' | 'fold'> & { fold?: number };

interface RunRow {
  id: number;
  created_at: string;
  finished_at: string | null;
  status: RunStatus;
  kind: RunKind;
  labels: string;
  config: string;
  split: string | null;
  backend: string | null;
  model_dir: string | null;
  report_dir: string | null;
  metrics: string | null;
  dataset_fingerprint: string | null;
  error: string | null;
  owner: string | null;
}

function toRun(r: RunRow): Run {
  return {
    id: r.id,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    status: r.status,
    kind: r.kind,
    labels: JSON.parse(r.labels) as string[],
    config: JSON.parse(r.config) as unknown,
    split: r.split,
    backend: r.backend,
    modelDir: r.model_dir,
    reportDir: r.report_dir,
    metrics: r.metrics === null ? null : (JSON.parse(r.metrics) as unknown),
    datasetFingerprint: r.dataset_fingerprint,
    error: r.error,
  };
}

/** The run_epochs columns under RunEpoch's names. */
const EPOCH_COLUMNS = `run_id AS runId, fold, epoch, loss, accuracy, val_loss AS valLoss, val_accuracy AS valAccuracy,
  val_macro_f1 AS valMacroF1, lr, clips_per_s AS clipsPerS, at`;

const FINAL: ReadonlySet<RunStatus> = new Set(['done', 'failed', 'cancelled']);

/** How the error of a run whose process died mid-run begins (killed, out of memory, power cut ...). */
export const INTERRUPTED = 'interrupted:';

export function isInterrupted(run: Run): boolean {
  return run.status === 'failed' && (run.error?.startsWith(INTERRUPTED) ?? false);
}

/** Training and evaluation runs, their per-epoch curves and their per-clip predictions. */
export class RunsRepo {
  constructor(private readonly db: Db) {}

  create(run: NewRun): number {
    const info = this.db
      .prepare(
        `INSERT INTO runs (created_at, status, kind, labels, config, split, backend, model_dir, report_dir, dataset_fingerprint, owner)
         VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        new Date().toISOString(),
        run.kind,
        JSON.stringify(run.labels),
        JSON.stringify(run.config ?? null),
        run.split ?? null,
        run.backend ?? null,
        run.modelDir ?? null,
        run.reportDir ?? null,
        run.datasetFingerprint ?? null,
        JSON.stringify(run.owner ?? currentOwner()),
      );
    return Number(info.lastInsertRowid);
  }

  /**
   * Marks failed every running run whose owning process is gone (killed, crashed, the machine stopped), so
   * no run stays 'running' for ever and its partial model is never taken for the current one. A run owned
   * by a live process (the CLI training in another shell) or by another machine is left alone. Returns the
   * ids marked.
   */
  failOrphans(): number[] {
    const rows = this.db.prepare(`SELECT id, owner FROM runs WHERE status = 'running'`).all() as Array<{
      id: number;
      owner: string | null;
    }>;
    const orphans: Array<{ id: number; why: string }> = [];
    for (const row of rows) {
      const owner = parseOwner(row.owner);
      // Runs from before owners were recorded cannot be checked; nothing of that age can still be training.
      if (owner === null) orphans.push({ id: row.id, why: 'its process was not recorded' });
      else if (ownerState(owner) === 'gone')
        orphans.push({ id: row.id, why: `its process (pid ${owner.pid}) ended without finishing it` });
    }
    if (orphans.length === 0) return [];
    const mark = this.db.prepare(
      `UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`,
    );
    const marked: number[] = [];
    this.db.transaction(() => {
      const at = new Date().toISOString();
      for (const o of orphans) {
        const error = `${INTERRUPTED} ${o.why} (killed, crashed or the machine stopped); its partial model is not used`;
        if (mark.run(at, error, o.id).changes > 0) marked.push(o.id);
      }
    })();
    return marked;
  }

  /** Updates a run; a final status (done, failed, cancelled) also stamps finished_at. */
  update(id: number, u: RunUpdate): void {
    const sets: string[] = [];
    const params: unknown[] = [];
    const put = (column: string, value: unknown): void => {
      sets.push(`${column} = ?`);
      params.push(value);
    };
    if (u.status !== undefined) {
      put('status', u.status);
      if (FINAL.has(u.status)) put('finished_at', new Date().toISOString());
    }
    if (u.backend !== undefined) put('backend', u.backend);
    if (u.modelDir !== undefined) put('model_dir', u.modelDir);
    if (u.reportDir !== undefined) put('report_dir', u.reportDir);
    if (u.metrics !== undefined) put('metrics', JSON.stringify(u.metrics));
    if (u.error !== undefined) put('error', u.error);
    if (sets.length === 0) return;
    const info = this.db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
    if (info.changes === 0) throw new Error(`no run with id ${id}`);
  }

  get(id: number): Run | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row && toRun(row);
  }

  /** Newest first. */
  list(opts: { kind?: RunKind; limit?: number } = {}): Run[] {
    const rows = (
      opts.kind
        ? this.db
            .prepare('SELECT * FROM runs WHERE kind = ? ORDER BY id DESC LIMIT ?')
            .all(opts.kind, opts.limit ?? -1)
        : this.db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(opts.limit ?? -1)
    ) as RunRow[];
    return rows.map(toRun);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM runs WHERE id = ?').run(id);
  }

  /** Records (or re-records, when a fold is retried) one epoch's numbers. */
  addEpoch(runId: number, e: NewEpoch): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO run_epochs
           (run_id, fold, epoch, loss, accuracy, val_loss, val_accuracy, val_macro_f1, lr, clips_per_s, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        runId,
        e.fold ?? 0,
        e.epoch,
        e.loss,
        e.accuracy,
        e.valLoss,
        e.valAccuracy,
        e.valMacroF1,
        e.lr,
        e.clipsPerS,
        e.at ?? new Date().toISOString(),
      );
  }

  epochs(runId: number, fold?: number): RunEpoch[] {
    return (
      fold === undefined
        ? this.db
            .prepare(`SELECT ${EPOCH_COLUMNS} FROM run_epochs WHERE run_id = ? ORDER BY fold, epoch`)
            .all(runId)
        : this.db
            .prepare(`SELECT ${EPOCH_COLUMNS} FROM run_epochs WHERE run_id = ? AND fold = ? ORDER BY epoch`)
            .all(runId, fold)
    ) as RunEpoch[];
  }

  /** Stores many predictions in one transaction. */
  addPredictions(runId: number, predictions: readonly NewPrediction[]): void {
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO predictions (run_id, clip_id, fold, label, predicted, confidence, probs, known)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const p of predictions) {
        insert.run(
          runId,
          p.clipId,
          p.fold ?? 0,
          p.label,
          p.predicted,
          p.confidence,
          JSON.stringify(p.probs),
          p.known ? JSON.stringify(p.known) : null,
        );
      }
    })();
  }

  predictions(runId: number): Prediction[] {
    const rows = this.db
      .prepare('SELECT * FROM predictions WHERE run_id = ? ORDER BY fold, clip_id')
      .all(runId) as Array<{
      run_id: number;
      clip_id: number;
      fold: number;
      label: string | null;
      predicted: string;
      confidence: number;
      probs: string;
      known: string | null;
    }>;
    return rows.map((r) => ({
      runId: r.run_id,
      clipId: r.clip_id,
      fold: r.fold,
      label: r.label,
      predicted: r.predicted,
      confidence: r.confidence,
      probs: JSON.parse(r.probs) as Record<string, number>,
      known: r.known === null ? null : (JSON.parse(r.known) as PredictedLabel),
    }));
  }
}
