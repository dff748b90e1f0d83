import type { Contours } from '../../../../core/features/contours.js';

export interface ContourWindow {
  /** Visible time window, seconds. */
  start: number;
  end: number;
  /** CSS pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel. */
  dpr: number;
}

/** The F0 tier's range and the energy tier's, fixed so clips compare by eye. */
export const PITCH_RANGE_HZ = [50, 600] as const;
export const ENERGY_RANGE_DB = [-70, 0] as const;
const PITCH_GRID_HZ = [100, 200, 400];
const ENERGY_GRID_DB = [-20, -40, -60];

const COLOURS = {
  background: '#0b0c10',
  grid: 'rgba(255,255,255,0.10)',
  gridText: 'rgba(255,255,255,0.55)',
  pitch: '#5ce1e6',
  energy: '#f5a524',
  energyFill: 'rgba(245,165,36,0.22)',
  separator: 'rgba(255,255,255,0.18)',
};

/** Share of the panel the F0 tier takes; the energy tier has the rest. */
export const PITCH_SHARE = 0.6;

/** Where things go on the canvas, in device pixels: the F0 tier on top, the energy tier below a line. */
class Layout {
  readonly pitchH: number;
  readonly energyTop: number;
  readonly energyH: number;
  readonly dpr: number;

  constructor(
    private readonly w: ContourWindow,
    readonly W: number,
    H: number,
  ) {
    this.dpr = w.dpr;
    this.pitchH = Math.round(H * PITCH_SHARE);
    this.energyTop = this.pitchH + Math.round(w.dpr);
    this.energyH = H - this.energyTop;
  }

  xOf(t: number): number {
    return ((t - this.w.start) / (this.w.end - this.w.start)) * this.W;
  }

  /** Log frequency, as one hears pitch. */
  yHz(hz: number): number {
    const [lo, hi] = PITCH_RANGE_HZ;
    const { pitchH, dpr } = this;
    return pitchH - (Math.log(hz / lo) / Math.log(hi / lo)) * (pitchH - 4 * dpr) - 2 * dpr;
  }

  yDb(db: number): number {
    const [dbLo, dbHi] = ENERGY_RANGE_DB;
    const { energyTop, energyH } = this;
    return energyTop + energyH - ((Math.min(Math.max(db, dbLo), dbHi) - dbLo) / (dbHi - dbLo)) * energyH;
  }
}

/** The grid and scale labels of both tiers, and the line between them. */
function drawGrid(ctx: CanvasRenderingContext2D, l: Layout): void {
  ctx.font = `${Math.round(10 * l.dpr)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.lineWidth = l.dpr;
  const gridLine = (y: number, label: string): void => {
    ctx.strokeStyle = COLOURS.grid;
    ctx.beginPath();
    ctx.moveTo(0, Math.round(y) + 0.5);
    ctx.lineTo(l.W, Math.round(y) + 0.5);
    ctx.stroke();
    ctx.fillStyle = COLOURS.gridText;
    ctx.fillText(label, 4 * l.dpr, y - 6 * l.dpr);
  };
  for (const hz of PITCH_GRID_HZ) gridLine(l.yHz(hz), `${hz} Hz`);
  for (const db of ENERGY_GRID_DB) gridLine(l.yDb(db), `${db} dB`);
  ctx.fillStyle = COLOURS.separator;
  ctx.fillRect(0, l.pitchH, l.W, Math.max(1, Math.round(l.dpr)));
}

/** The frames drawn: those in the window and one either side. */
interface Frames {
  times: ArrayLike<number>;
  from: number;
  to: number;
}

/** Energy: a filled line. */
function drawEnergy(ctx: CanvasRenderingContext2D, l: Layout, f: Frames, db: ArrayLike<number>): void {
  const { times, from, to } = f;
  const bottom = l.energyTop + l.energyH;
  ctx.beginPath();
  ctx.moveTo(l.xOf(times[from]), bottom);
  for (let i = from; i <= to; i++) ctx.lineTo(l.xOf(times[i]), l.yDb(db[i]));
  ctx.lineTo(l.xOf(times[to]), bottom);
  ctx.closePath();
  ctx.fillStyle = COLOURS.energyFill;
  ctx.fill();
  ctx.beginPath();
  for (let i = from; i <= to; i++) {
    if (i === from) ctx.moveTo(l.xOf(times[i]), l.yDb(db[i]));
    else ctx.lineTo(l.xOf(times[i]), l.yDb(db[i]));
  }
  ctx.strokeStyle = COLOURS.energy;
  ctx.lineWidth = 1.5 * l.dpr;
  ctx.stroke();
}

/** Pitch: voiced runs as lines, a lone voiced frame as a dot. */
function drawPitch(ctx: CanvasRenderingContext2D, l: Layout, f: Frames, hz: ArrayLike<number>): void {
  const { times, from, to } = f;
  const [lo, hi] = PITCH_RANGE_HZ;
  ctx.strokeStyle = COLOURS.pitch;
  ctx.fillStyle = COLOURS.pitch;
  ctx.lineWidth = 2 * l.dpr;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.beginPath();
  for (let i = from; i <= to; i++) {
    if (Number.isNaN(hz[i])) continue;
    const x = l.xOf(times[i]);
    const y = l.yHz(Math.min(hi, Math.max(lo, hz[i])));
    const prevVoiced = i > from && !Number.isNaN(hz[i - 1]);
    const nextVoiced = i < to && !Number.isNaN(hz[i + 1]);
    if (prevVoiced) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    if (!prevVoiced && !nextVoiced) ctx.arc(x, y, 1.5 * l.dpr, 0, 2 * Math.PI);
  }
  ctx.stroke();
}

/**
 * Draws the F0 tier (log frequency, as one hears pitch) over the energy tier (dB) for the visible window.
 * Only voiced frames are drawn; a run of voiced frames is one line, so unvoiced stretches stay empty.
 */
export function drawContours(ctx: CanvasRenderingContext2D, c: Contours | null, w: ContourWindow): void {
  const W = Math.round(w.width * w.dpr);
  const H = Math.round(w.height * w.dpr);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = COLOURS.background;
  ctx.fillRect(0, 0, W, H);
  if (!(w.end > w.start) || W === 0) return;
  const layout = new Layout(w, W, H);
  drawGrid(ctx, layout);
  if (!c) return;
  const { times } = c.pitch;
  const hop = times.length > 1 ? times[1] - times[0] : 0.01;
  const frames = {
    times,
    from: Math.max(0, Math.floor(w.start / hop) - 1),
    to: Math.min(times.length - 1, Math.ceil(w.end / hop) + 1),
  };
  drawEnergy(ctx, layout, frames, c.energy.db);
  drawPitch(ctx, layout, frames, c.pitch.hz);
}
