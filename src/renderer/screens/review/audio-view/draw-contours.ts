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

/**
 * Draws the F0 tier (log frequency, as one hears pitch) over the energy tier (dB) for the visible window.
 * Only voiced frames are drawn; a run of voiced frames is one line, so unvoiced stretches stay empty.
 */
export function drawContours(ctx: CanvasRenderingContext2D, c: Contours | null, w: ContourWindow): void {
  const { dpr } = w;
  const W = Math.round(w.width * dpr);
  const H = Math.round(w.height * dpr);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = COLOURS.background;
  ctx.fillRect(0, 0, W, H);
  if (!(w.end > w.start) || W === 0) return;
  const pitchH = Math.round(H * PITCH_SHARE);
  const energyTop = pitchH + Math.round(dpr);
  const energyH = H - energyTop;
  const xOf = (t: number): number => ((t - w.start) / (w.end - w.start)) * W;
  const [lo, hi] = PITCH_RANGE_HZ;
  const yHz = (hz: number): number =>
    pitchH - (Math.log(hz / lo) / Math.log(hi / lo)) * (pitchH - 4 * dpr) - 2 * dpr;
  const [dbLo, dbHi] = ENERGY_RANGE_DB;
  const yDb = (db: number): number =>
    energyTop + energyH - ((Math.min(Math.max(db, dbLo), dbHi) - dbLo) / (dbHi - dbLo)) * energyH;

  // grid and scale labels
  ctx.font = `${Math.round(10 * dpr)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.lineWidth = dpr;
  const gridLine = (y: number, label: string): void => {
    ctx.strokeStyle = COLOURS.grid;
    ctx.beginPath();
    ctx.moveTo(0, Math.round(y) + 0.5);
    ctx.lineTo(W, Math.round(y) + 0.5);
    ctx.stroke();
    ctx.fillStyle = COLOURS.gridText;
    ctx.fillText(label, 4 * dpr, y - 6 * dpr);
  };
  for (const hz of PITCH_GRID_HZ) gridLine(yHz(hz), `${hz} Hz`);
  for (const db of ENERGY_GRID_DB) gridLine(yDb(db), `${db} dB`);
  ctx.fillStyle = COLOURS.separator;
  ctx.fillRect(0, pitchH, W, Math.max(1, Math.round(dpr)));
  if (!c) return;

  const { times } = c.pitch;
  const hop = times.length > 1 ? times[1] - times[0] : 0.01;
  const from = Math.max(0, Math.floor(w.start / hop) - 1);
  const to = Math.min(times.length - 1, Math.ceil(w.end / hop) + 1);

  // energy: a filled line
  const db = c.energy.db;
  ctx.beginPath();
  ctx.moveTo(xOf(times[from]), energyTop + energyH);
  for (let i = from; i <= to; i++) ctx.lineTo(xOf(times[i]), yDb(db[i]));
  ctx.lineTo(xOf(times[to]), energyTop + energyH);
  ctx.closePath();
  ctx.fillStyle = COLOURS.energyFill;
  ctx.fill();
  ctx.beginPath();
  for (let i = from; i <= to; i++) {
    if (i === from) ctx.moveTo(xOf(times[i]), yDb(db[i]));
    else ctx.lineTo(xOf(times[i]), yDb(db[i]));
  }
  ctx.strokeStyle = COLOURS.energy;
  ctx.lineWidth = 1.5 * dpr;
  ctx.stroke();

  // pitch: voiced runs as lines, a lone voiced frame as a dot
  const hz = c.pitch.hz;
  ctx.strokeStyle = COLOURS.pitch;
  ctx.fillStyle = COLOURS.pitch;
  ctx.lineWidth = 2 * dpr;
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.beginPath();
  for (let i = from; i <= to; i++) {
    if (Number.isNaN(hz[i])) continue;
    const x = xOf(times[i]);
    const y = yHz(Math.min(hi, Math.max(lo, hz[i])));
    const prevVoiced = i > from && !Number.isNaN(hz[i - 1]);
    const nextVoiced = i < to && !Number.isNaN(hz[i + 1]);
    if (prevVoiced) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    if (!prevVoiced && !nextVoiced) ctx.arc(x, y, 1.5 * dpr, 0, 2 * Math.PI);
  }
  ctx.stroke();
}
