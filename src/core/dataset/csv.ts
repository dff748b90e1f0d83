import { neutraliseFormula } from '../util/spreadsheet-cell.js';

/**
 * RFC 4180 CSV, the little of it manifests need: quoted fields (with commas, quotes and newlines inside),
 * CRLF or LF line ends, a UTF-8 byte-order mark. Too small a need for a dependency.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = (): void => {
    row.push(field);
    // Blank lines carry no row.
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') endRow();
    else if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

export function formatCsvField(value: string | number | null | undefined): string {
  const s =
    value === null || value === undefined
      ? ''
      : typeof value === 'number'
        ? String(value)
        : neutraliseFormula(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatCsvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return values.map(formatCsvField).join(',');
}
