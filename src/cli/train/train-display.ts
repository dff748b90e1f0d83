// What `ser train` shows on stderr while it runs: on a terminal one status line redrawn in place, elsewhere
// (a log, a pipe) a line per epoch; messages and warnings as lines either way.
import type { EpochRecord, PoolProgress, TrainProgress } from '../../common/contract.js';
import type { TrainEmitter } from '../../core/model/training/train-events.js';

export function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--';
  const minutes = Math.floor(seconds / 60);
  return minutes > 0
    ? `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`
    : `${Math.round(seconds)}s`;
}

const num = (value: number | null, digits = 3): string =>
  value === null || !Number.isFinite(value) ? '--' : value.toFixed(digits);

function foldName(p: { phase?: TrainProgress['phase']; fold: number; folds: number }): string {
  if (p.phase === 'final' || p.fold >= p.folds) return 'final';
  return p.folds > 1 ? `fold ${p.fold + 1}/${p.folds}` : 'train';
}

/** "training folds 3,4 (2 at once), 2 done, 5 waiting", or "training fold 10 + final ...". */
function poolText(pool: PoolProgress, folds: number): string {
  const numbers = pool.running.filter((f) => f < folds).map((f) => f + 1);
  const parts = [
    ...(numbers.length > 0 ? [`fold${numbers.length > 1 ? 's' : ''} ${numbers.join(',')}`] : []),
    ...(pool.running.some((f) => f >= folds) ? ['final'] : []),
  ];
  return `training ${parts.join(' + ') || '-'} (${pool.jobs} at once), ${pool.done} done, ${pool.queued} waiting`;
}

/** One status line, redrawn in place on a terminal. */
export function statusLine(p: TrainProgress): string {
  if (p.phase === 'features' || p.phase === 'report') return p.message ?? p.phase;
  if (p.phase === 'choosing') return `${p.message ?? 'choosing the recipe'} | ETA ${duration(p.etaS)}`;
  // With folds side by side the pool and the run's ETA lead: the fold numbers after them are one fold's.
  const head = p.pool && p.folds > 1 ? [poolText(p.pool, p.folds), `ETA ${duration(p.etaS)}`] : [];
  if (p.phase === 'evaluating')
    return [...head, `${foldName(p)}: predicting the held-out speakers`].join(' | ');
  const parts = [
    ...head,
    `${foldName(p)} ep ${p.epoch + 1}/${p.epochs} b ${p.batch + 1}/${p.batches}`,
    `loss ${num(p.loss)} acc ${num(p.accuracy, 2)}`,
    `val ${num(p.valLoss)} acc ${num(p.valAccuracy, 2)} F1 ${num(p.valMacroF1, 2)}`,
    `lr ${p.lr === null ? '--' : p.lr.toExponential(1)}`,
    `${p.clipsPerS === null ? '--' : Math.round(p.clipsPerS)} clips/s`,
    ...(head.length > 0 ? [] : [`ETA ${duration(p.etaS)}`]),
  ];
  return parts.join(' | ');
}

function epochLine(e: EpochRecord, folds: number): string {
  return (
    `${foldName({ fold: e.fold, folds })} epoch ${e.epoch + 1}: loss ${num(e.loss)} acc ${num(e.accuracy)}` +
    ` | val loss ${num(e.valLoss)} acc ${num(e.valAccuracy)} F1 ${num(e.valMacroF1)}` +
    ` | lr ${e.lr.toExponential(1)} | ${Math.round(e.clipsPerS)} clips/s`
  );
}

/** The fastest a terminal's status line is redrawn, except for a batch that ends an epoch. */
const REDRAW_MS = 100;

export class TrainDisplay {
  private readonly live: boolean;
  private folds = 1;
  private shown = '';
  private lastDraw = 0;

  constructor(private readonly stderr: NodeJS.WriteStream) {
    this.live = stderr.isTTY === true;
  }

  listenTo(events: TrainEmitter): void {
    events.on('progress', (p) => this.progress(p));
    events.on('epoch', (e) => {
      if (!this.live) this.say(epochLine(e, this.folds));
    });
    events.on('message', (m) => this.say(m.level === 'warn' ? `warning: ${m.text}` : m.text));
  }

  /** A line of its own, above the status line. */
  say(line: string): void {
    this.clearLine();
    this.stderr.write(`${line}\n`);
  }

  clearLine(): void {
    if (this.live && this.shown) this.stderr.write('\r\x1b[2K');
    this.shown = '';
  }

  private progress(p: TrainProgress): void {
    this.folds = Math.max(p.folds, 1);
    if (!this.live) return;
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS && p.batch + 1 < p.batches) return;
    this.lastDraw = now;
    const line = statusLine(p);
    const width = Math.max((this.stderr.columns || 120) - 1, 20);
    this.shown = line.length > width ? `${line.slice(0, width - 1)}…` : line;
    this.stderr.write(`\r\x1b[2K${this.shown}`);
  }
}
