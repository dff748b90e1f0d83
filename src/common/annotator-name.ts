/**
 * One person is one annotator: the rule that decides when two spellings of a name are the same person,
 * applied wherever a name comes in (the app, `ser relabel --annotator`, a manifest's `label:<name>` columns)
 * and by the migration that merged the duplicates made before it.
 */

/** The longest annotator name, in characters: longer ones are refused everywhere. */
export const MAX_ANNOTATOR_CHARS = 100;

/** Characters nobody sees: zero-width spaces and joiners, the BOM, soft hyphens, direction marks... */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Runs of white space or control characters (a tab, a line break, a no-break space). */
const SPACES = /[\s\p{Cc}]+/gu;

/**
 * A name as it is kept: invisible characters removed, every run of white space one space, trimmed, and in
 * Unicode NFC (so "Renée" typed with a combining accent is the same name as with a precomposed é).
 */
export function cleanAnnotatorName(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(SPACES, ' ').trim().normalize('NFC');
}

/**
 * Two names are one person when their keys are equal: the clean name, case-folded ("Ben", "ben" and "BEN";
 * "Straße" and "STRASSE"). The project shows the first spelling it met.
 */
export function annotatorKey(name: string): string {
  return cleanAnnotatorName(name).toUpperCase().toLowerCase().normalize('NFC');
}

/** A name's length as a person counts it: characters, not UTF-16 units. */
export function nameLength(name: string): number {
  return [...name].length;
}

/** A long name cut for a message or a table column, with an ellipsis. */
export function shortName(name: string, chars = 40): string {
  const all = [...name];
  return all.length <= chars ? name : `${all.slice(0, chars - 1).join('')}…`;
}

/** A name that cannot be an annotator's: empty once cleaned, or over the limit. */
export class AnnotatorNameError extends Error {
  override readonly name = 'AnnotatorNameError';
}

/** Why a clean name cannot be an annotator's, or null when it can. */
export function annotatorNameProblem(name: string): string | null {
  if (name === '') return 'an annotator name needs at least one visible character';
  const length = nameLength(name);
  if (length > MAX_ANNOTATOR_CHARS)
    return `an annotator name has at most ${MAX_ANNOTATOR_CHARS} characters; "${shortName(name, 24)}" has ${length}`;
  return null;
}

/** The clean name, or an AnnotatorNameError saying why it cannot be one. */
export function checkAnnotatorName(raw: string): string {
  const name = cleanAnnotatorName(raw);
  const problem = annotatorNameProblem(name);
  if (problem !== null) throw new AnnotatorNameError(problem);
  return name;
}
