import { niceTicks } from '../../../../core/report/ticks.js';

export interface TimeTick {
  /** Seconds. */
  t: number;
  /** Pixels from the left edge of the visible window. */
  x: number;
}

export interface TimeAxis {
  major: (TimeTick & { label: string })[];
  minor: TimeTick[];
  /** Seconds between labelled ticks. */
  step: number;
}

/**
 * Labelled ticks on round times (1, 2 or 5 x 10^n s) for the window [startS, endS] drawn `widthPx` wide,
 * about one label per `minLabelPx`, with unlabelled minor ticks between them; labels share one number
 * of decimals, enough for the step (0.5 s steps read 0.0, 0.5, 1.0).
 */
export function timeAxis(startS: number, endS: number, widthPx: number, minLabelPx = 72): TimeAxis {
  if (!(endS > startS) || !(widthPx > 0)) return { major: [], minor: [], step: 0 };
  const count = Math.max(1, Math.floor(widthPx / minLabelPx));
  const values = niceTicks(startS, endS, count);
  const step = values.length > 1 ? values[1] - values[0] : stepFor(endS - startS, count);
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  const x = (t: number): number => ((t - startS) / (endS - startS)) * widthPx;
  const major = values.map((t) => ({ t, x: x(t), label: t.toFixed(decimals) }));
  const mantissa = Math.round(step / 10 ** Math.floor(Math.log10(step) + 1e-9));
  const minorStep = step / (mantissa === 2 ? 4 : 5);
  const minor: TimeTick[] = [];
  const first = Math.ceil(startS / minorStep - 1e-9);
  for (let i = first; i * minorStep <= endS + 1e-9; i++) {
    const t = Number((i * minorStep).toPrecision(12));
    if (Math.abs(t / step - Math.round(t / step)) > 1e-6) minor.push({ t, x: x(t) });
  }
  return { major, minor, step };
}

function stepFor(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

/** "1.25 s" with the decimals a reader of the time display expects at this zoom. */
export function formatSeconds(t: number, decimals = 2): string {
  return `${t.toFixed(decimals)} s`;
}
