import { InterchangeError, type Tier } from './types.js';

// ELAN's annotation format (EAF 3.0, mpi.nl's schema): time slots in milliseconds, tiers of time-aligned
// annotations between two slots. Only those three elements matter here, so they are read with patterns
// rather than a general XML parser; symbolic annotations of dependent tiers (REF_ANNOTATION) are read past.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e] ?? all;
  });
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g))
    out[m[1]] = unescapeXml(m[3] ?? m[4] ?? '');
  return out;
}

/** The tiers of time-aligned annotations of an .eaf file, in the file's order. */
export function parseEaf(text: string): Tier[] {
  const xml = text.replace(/<!--[\s\S]*?-->/g, '');
  if (!/<ANNOTATION_DOCUMENT[\s>]/.test(xml))
    throw new InterchangeError('ELAN: no <ANNOTATION_DOCUMENT> element: not an .eaf file');
  const units = /<HEADER\b[^>]*>/.exec(xml);
  const unit = units ? attributes(units[0]).TIME_UNITS : undefined;
  if (unit && unit !== 'milliseconds')
    throw new InterchangeError(`ELAN: time units "${unit}" are not supported (milliseconds are)`);
  const slots = new Map<string, number>();
  for (const m of xml.matchAll(/<TIME_SLOT\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.TIME_SLOT_ID && a.TIME_VALUE !== undefined && a.TIME_VALUE !== '')
      slots.set(a.TIME_SLOT_ID, Number(a.TIME_VALUE));
  }
  const tiers: Tier[] = [];
  for (const t of xml.matchAll(/<TIER\b([^>]*?)(\/>|>([\s\S]*?)<\/TIER>)/g)) {
    const name = attributes(t[1]).TIER_ID ?? `tier ${tiers.length + 1}`;
    const intervals = [];
    for (const a of (t[3] ?? '').matchAll(
      /<ALIGNABLE_ANNOTATION\b([^>]*)>([\s\S]*?)<\/ALIGNABLE_ANNOTATION>/g,
    )) {
      const attrs = attributes(a[1]);
      const from = slots.get(attrs.TIME_SLOT_REF1 ?? '');
      const to = slots.get(attrs.TIME_SLOT_REF2 ?? '');
      // a slot without a time (unaligned, between two aligned ones) places nothing we could keep to the ms
      if (from === undefined || to === undefined) continue;
      if (!Number.isFinite(from) || !Number.isFinite(to))
        throw new InterchangeError(
          `ELAN: annotation ${attrs.ANNOTATION_ID ?? '?'} of tier ${name} has a time that is not a number`,
        );
      const value = /<ANNOTATION_VALUE>([\s\S]*?)<\/ANNOTATION_VALUE>|<ANNOTATION_VALUE\s*\/>/.exec(a[2]);
      const raw = value?.[1] ?? '';
      const text = unescapeXml(raw.replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1')).trim();
      intervals.push({ start: from / 1000, end: to / 1000, text: text === '' ? null : text });
    }
    tiers.push({ name, intervals: intervals.sort((x, y) => x.start - y.start) });
  }
  return tiers;
}

/** An .eaf document of these tiers, aligned to `mediaUrl` (the recording), times in milliseconds. */
export function writeEaf(tiers: readonly Tier[], mediaUrl: string, date = new Date()): string {
  const slots: string[] = [];
  const tierXml: string[] = [];
  let slot = 0;
  let id = 0;
  for (const t of tiers) {
    const anns: string[] = [];
    for (const iv of t.intervals) {
      const s1 = `ts${++slot}`;
      slots.push(`        <TIME_SLOT TIME_SLOT_ID="${s1}" TIME_VALUE="${Math.round(iv.start * 1000)}"/>`);
      const s2 = `ts${++slot}`;
      slots.push(`        <TIME_SLOT TIME_SLOT_ID="${s2}" TIME_VALUE="${Math.round(iv.end * 1000)}"/>`);
      anns.push(
        '        <ANNOTATION>',
        `            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a${++id}" TIME_SLOT_REF1="${s1}" TIME_SLOT_REF2="${s2}">`,
        `                <ANNOTATION_VALUE>${escapeXml(iv.text ?? '')}</ANNOTATION_VALUE>`,
        '            </ALIGNABLE_ANNOTATION>',
        '        </ANNOTATION>',
      );
    }
    tierXml.push(
      `    <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="${escapeXml(t.name)}">`,
      ...anns,
      '    </TIER>',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ANNOTATION_DOCUMENT AUTHOR="" DATE="${date.toISOString()}" FORMAT="3.0" VERSION="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">`,
    '    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">',
    `        <MEDIA_DESCRIPTOR MEDIA_URL="${escapeXml(mediaUrl)}" MIME_TYPE="audio/x-wav"/>`,
    '    </HEADER>',
    '    <TIME_ORDER>',
    ...slots,
    '    </TIME_ORDER>',
    ...tierXml,
    '    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>',
    '</ANNOTATION_DOCUMENT>',
    '',
  ].join('\n');
}
