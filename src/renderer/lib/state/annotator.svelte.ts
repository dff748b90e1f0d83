import { AnnotatorSchema } from '../../../common/contract.js';

const KEY = 'emotion-studio.annotator';

function stored(): string | null {
  try {
    const parsed = AnnotatorSchema.safeParse(globalThis.localStorage?.getItem(KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // storage blocked: the name lasts for this session only
  }
}

/**
 * Who is labelling: a per-client setting (this browser or this desktop install), not a project setting,
 * because a project is shared: several people open the same project folder, each under their own name, and
 * a name kept in the project would make them all the same annotator. Null until chosen; labelling then
 * works as it did before annotators (the label is set directly, with no name on the event).
 */
class AnnotatorState {
  name = $state<string | null>(stored());

  /**
   * Sets the name, cleaned by the rule every annotator name follows (annotator-name.ts); an empty one clears
   * it. Returns the name in force.
   */
  set(name: string): string | null {
    const parsed = AnnotatorSchema.safeParse(name);
    this.name = parsed.success ? parsed.data : null;
    try {
      if (this.name) globalThis.localStorage?.setItem(KEY, this.name);
      else globalThis.localStorage?.removeItem(KEY);
    } catch {
      // storage blocked: keep it in memory
    }
    return this.name;
  }

  /** The `annotator` param of a relabel request: absent without a name. */
  get param(): { annotator?: string } {
    return this.name ? { annotator: this.name } : {};
  }
}

export const annotator = new AnnotatorState();
