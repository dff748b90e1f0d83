/** One take a session asks for: a prompt read in one emotion. */
export interface PlanItem {
  /** Position in the session's plan (0-based); a take is stored under it. */
  index: number;
  prompt: string;
  promptIndex: number;
  emotion: string;
}

/** Longest prompt kept (a sentence or two, not a page) and most prompts in one session. */
export const MAX_PROMPT_LENGTH = 500;
export const MAX_PROMPTS = 1000;

/**
 * Prompts from pasted text or a text file: one per line, trimmed, blank lines and repeats dropped (a repeat
 * would ask for the same take twice).
 */
export function parsePrompts(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line === '' || seen.has(line)) continue;
    seen.add(line);
    out.push(line);
  }
  return out;
}

/**
 * The takes of a session in the order they are asked for: emotion by emotion, every prompt in each, since an
 * actor stays in one emotion more easily than switching at every sentence.
 */
export function buildPlan(prompts: readonly string[], emotions: readonly string[]): PlanItem[] {
  const plan: PlanItem[] = [];
  for (const emotion of emotions) {
    prompts.forEach((prompt, promptIndex) => plan.push({ index: plan.length, prompt, promptIndex, emotion }));
  }
  return plan;
}

/**
 * Where a session resumes: the first take of the plan not kept yet, from the start (a take skipped earlier
 * comes first); the plan's length when every take is kept.
 */
export function resumePosition(planLength: number, kept: Iterable<number>): number {
  const done = new Set(kept);
  for (let i = 0; i < planLength; i++) if (!done.has(i)) return i;
  return planLength;
}
