/** Escapes text for HTML and SVG content and double-quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Scores in [0, 1] with three decimals, the precision SER papers report. */
export function formatScore(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : '–';
}

export function formatPercent(fraction: number, digits = 1): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : '–';
}

/** Number for SVG coordinates: short and without exponent noise. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** "2025-11-25 12:54 UTC" from an ISO string; the input itself if it does not parse. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Rough rendered width of sans-serif text: enough to lay out labels without measuring fonts. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.58;
}
