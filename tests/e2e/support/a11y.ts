import type { Page } from 'playwright-core';

/**
 * Visible controls without an accessible name (from aria-label, aria-labelledby, a <label>, or their text),
 * described well enough to find them. An empty list means every control can be found by role and name.
 */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      'button, input:not([type=hidden]), select, textarea, [role=button], [role=checkbox], [role=gridcell] a, a[href]',
    );
    const nameOf = (el: HTMLElement): string => {
      const aria = el.getAttribute('aria-label');
      if (aria?.trim()) return aria;
      const by = el.getAttribute('aria-labelledby');
      if (by) {
        const text = by
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ');
        if (text.trim()) return text;
      }
      const labels = (el as HTMLInputElement).labels;
      if (labels && labels.length) {
        const text = Array.from(labels)
          .map((l) => l.textContent ?? '')
          .join(' ');
        if (text.trim()) return text;
      }
      if (
        el instanceof HTMLInputElement ||
        el instanceof HTMLSelectElement ||
        el instanceof HTMLTextAreaElement
      ) {
        return el.getAttribute('title') ?? '';
      }
      return el.textContent ?? el.getAttribute('title') ?? '';
    };
    const out: string[] = [];
    for (const el of Array.from(controls)) {
      const hidden = el.offsetParent === null && getComputedStyle(el).position !== 'fixed';
      if (hidden || el.classList.contains('visually-hidden')) continue;
      if (!nameOf(el).trim()) out.push(el.outerHTML.slice(0, 160));
    }
    return out;
  });
}
