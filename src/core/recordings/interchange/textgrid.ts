import { formatSeconds, InterchangeError, toMs, type Tier } from './types.js';

// Praat's TextGrid in its two text forms (praat.org, "TextGrid file formats"). Both are the same sequence of
// numbers, quoted strings and <flags>; the long form adds names ("xmin =", "item [1]:") that Praat's own reader
// skips, and so does this one.

type Token =
  { kind: 'number'; value: number } | { kind: 'string'; value: string } | { kind: 'flag'; value: string };

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new InterchangeError('TextGrid: a quoted text is never closed');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      out.push({ kind: 'string', value });
    } else if (c === '!') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[') {
      while (i < text.length && text[i] !== ']') i++;
      i++;
    } else if (c === '<') {
      const end = text.indexOf('>', i);
      if (end < 0) throw new InterchangeError('TextGrid: a <flag> is never closed');
      out.push({ kind: 'flag', value: text.slice(i + 1, end) });
      i = end + 1;
    } else if (/[-+\d.]/.test(c) && (i === 0 || /[\s=:]/.test(text[i - 1]))) {
      const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i, i + 64));
      if (m) {
        out.push({ kind: 'number', value: Number(m[0]) });
        i += m[0].length;
      } else i++;
    } else i++;
  }
  return out;
}

class Reader {
  private at = 0;
  constructor(private readonly toks: Token[]) {}
  number(what: string): number {
    const t = this.toks[this.at++];
    if (t?.kind !== 'number')
      throw new InterchangeError(
        `TextGrid: expected a number for ${what}, found ${t ? `${t.kind} ${JSON.stringify(t.value)}` : 'the end of the file'}`,
      );
    return t.value;
  }
  string(what: string): string {
    const t = this.toks[this.at++];
    if (t?.kind !== 'string')
      throw new InterchangeError(
        `TextGrid: expected a quoted text for ${what}, found ${t ? `${t.kind} ${JSON.stringify(t.value)}` : 'the end of the file'}`,
      );
    return t.value;
  }
  flag(): string | null {
    const t = this.toks[this.at];
    if (t?.kind !== 'flag') return null;
    this.at++;
    return t.value;
  }
}

/** The interval tiers of a TextGrid (long or short text form); point tiers are read past. */
export function parseTextGrid(text: string): { xmin: number; xmax: number; tiers: Tier[] } {
  const r = new Reader(tokens(text));
  if (r.string('the file type') !== 'ooTextFile')
    throw new InterchangeError('TextGrid: the file does not start with File type = "ooTextFile"');
  const cls = r.string('the object class');
  if (cls !== 'TextGrid')
    throw new InterchangeError(`TextGrid: the object class is "${cls}", not "TextGrid"`);
  const xmin = r.number('xmin');
  const xmax = r.number('xmax');
  if (r.flag() === 'absent') return { xmin, xmax, tiers: [] };
  const size = r.number('the number of tiers');
  const tiers: Tier[] = [];
  for (let k = 0; k < size; k++) {
    const kind = r.string(`tier ${k + 1}'s class`);
    const name = r.string(`tier ${k + 1}'s name`);
    r.number(`tier ${name}'s xmin`);
    r.number(`tier ${name}'s xmax`);
    const count = r.number(`tier ${name}'s size`);
    if (kind === 'IntervalTier') {
      const intervals = [];
      for (let i = 0; i < count; i++) {
        const start = toMs(r.number(`interval ${i + 1} of ${name}`));
        const end = toMs(r.number(`interval ${i + 1} of ${name}`));
        intervals.push({ start, end, text: r.string(`interval ${i + 1} of ${name}`) });
      }
      tiers.push({ name, intervals });
    } else if (kind === 'TextTier') {
      for (let i = 0; i < count; i++) {
        r.number(`point ${i + 1} of ${name}`);
        r.string(`point ${i + 1} of ${name}`);
      }
    } else
      throw new InterchangeError(
        `TextGrid: tier ${k + 1} is of class "${kind}", neither IntervalTier nor TextTier`,
      );
  }
  return { xmin, xmax, tiers };
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * A TextGrid of interval tiers, as Praat writes it ('long' is "Save as text file", 'short' "Save as short text
 * file"). Each tier covers [0, durationS]: the stretches between its intervals are written as empty intervals.
 */
export function writeTextGrid(
  tiers: readonly Tier[],
  durationS: number,
  form: 'long' | 'short' = 'long',
): string {
  const xmax = formatSeconds(durationS);
  const filled = tiers.map((t) => ({ name: t.name, intervals: fillGaps(t, durationS) }));
  const lines = ['File type = "ooTextFile"', 'Object class = "TextGrid"', ''];
  if (form === 'short') {
    lines.push('0', xmax, '<exists>', String(filled.length));
    for (const t of filled) {
      lines.push('"IntervalTier"', quote(t.name), '0', xmax, String(t.intervals.length));
      for (const iv of t.intervals)
        lines.push(formatSeconds(iv.start), formatSeconds(iv.end), quote(iv.text));
    }
  } else {
    lines.push('xmin = 0 ', `xmax = ${xmax} `, 'tiers? <exists> ', `size = ${filled.length} `, 'item []: ');
    filled.forEach((t, k) => {
      lines.push(
        `    item [${k + 1}]:`,
        '        class = "IntervalTier" ',
        `        name = ${quote(t.name)} `,
        '        xmin = 0 ',
        `        xmax = ${xmax} `,
        `        intervals: size = ${t.intervals.length} `,
      );
      t.intervals.forEach((iv, i) =>
        lines.push(
          `        intervals [${i + 1}]:`,
          `            xmin = ${formatSeconds(iv.start)} `,
          `            xmax = ${formatSeconds(iv.end)} `,
          `            text = ${quote(iv.text)} `,
        ),
      );
    });
  }
  return `${lines.join('\n')}\n`;
}

function fillGaps(tier: Tier, durationS: number): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  let at = 0;
  for (const iv of [...tier.intervals].sort((a, b) => a.start - b.start)) {
    if (iv.start > at) out.push({ start: at, end: iv.start, text: '' });
    out.push({ start: iv.start, end: iv.end, text: iv.text ?? '' });
    at = iv.end;
  }
  if (durationS > at) out.push({ start: at, end: durationS, text: '' });
  return out;
}
