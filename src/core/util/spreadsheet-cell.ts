/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before
 * one) gets a leading apostrophe: opening an exported CSV must never run what a file name or a manifest
 * cell carried (OWASP "CSV injection"). Numbers are written as numbers and never pass through here.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The inverse, for reading back a CSV this app wrote. */
export function restoreFormula(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
