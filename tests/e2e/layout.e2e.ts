/**
 * Layout at a laptop's 1366x768, in both themes, on every screen with something on it: no page scrolls
 * sideways, no text is cut off by a box too narrow for it, nothing sticks out of its card, no two cards
 * overlap. The real `ser serve` over EmoDB files with a finished run and two annotators.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClipPage, ProjectInfo, RunSummary } from '../../src/common/contract.js';
import { SCREEN_IDS } from '../../src/renderer/screens/screen-ids.js';
import { openBrowser, type Browser } from './support/browser.js';
import { studioLocators } from './support/locators.js';
import { emodbSubset } from './support/emodb-subset.js';
import { EMODB, tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { startServe, type Served } from './support/serve.js';
import { hasSharedData } from '../support/shared-data.js';

const hasEmoDb = hasSharedData(
  'the layout end-to-end test (it imports EmoDB files)',
  'data/emodb/manifest.csv',
);

const TITLES: Record<(typeof SCREEN_IDS)[number], string> = {
  clips: 'Clips',
  review: 'Review',
  train: 'Train',
  evaluate: 'Evaluate',
  predict: 'Predict',
  record: 'Record',
  agreement: 'Agreement',
};

/** What is wrong with the page's layout as laid out now, in words (empty: nothing). */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element): string => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const label = el.getAttribute('aria-label');
      return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}>${label ? ` [${label}]` : ''} “${text}”`;
    };
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(`the page scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth}`);
    const ownText = (el: Element): boolean =>
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    for (const el of document.querySelectorAll('body *')) {
      const e = el as HTMLElement;
      if (e.closest('.visually-hidden') || e.clientWidth <= 2 || e.offsetParent === null) continue;
      if (e instanceof HTMLInputElement || e instanceof HTMLSelectElement || e instanceof HTMLTextAreaElement)
        continue;
      const style = getComputedStyle(e);
      const wider = e.scrollWidth > e.clientWidth + 1;
      if (!wider) continue;
      if (style.overflowX === 'auto' || style.overflowX === 'scroll')
        problems.push(`scrolls sideways: ${name(e)} ${e.scrollWidth} px in ${e.clientWidth}`);
      else if (
        (style.overflowX === 'hidden' || style.overflowX === 'clip') &&
        style.textOverflow !== 'ellipsis' &&
        ownText(e)
      )
        problems.push(`text cut off: ${name(e)} ${e.scrollWidth} px in ${e.clientWidth}`);
      else if (e.classList.contains('card'))
        problems.push(`content wider than its card: ${name(e)} ${e.scrollWidth} px in ${e.clientWidth}`);
    }
    const cards = [...document.querySelectorAll('main .card')].filter(
      (c) => (c as HTMLElement).offsetParent !== null && !c.parentElement?.closest('.card'),
    );
    for (let i = 0; i < cards.length; i++)
      for (let j = i + 1; j < cards.length; j++) {
        const a = cards[i].getBoundingClientRect();
        const b = cards[j].getBoundingClientRect();
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) problems.push(`cards overlap: ${name(cards[i])} and ${name(cards[j])}`);
      }
    return problems;
  });
}

describe.runIf(hasEmoDb)('layout at 1366x768 in both themes', () => {
  let work: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const { main, nav } = studioLocators(() => page);

  beforeAll(async () => {
    work = tempDir('layout');
    const data = emodbSubset(path.join(work, 'emodb-subset'), ['03', '08', '09']);
    // and speaker 12's takes of every emotion: seven labels make the widest matrices and tables
    for (const f of fs.readdirSync(EMODB).filter((n) => /^12[ab]\d\d[A-Z][a-z]\.wav$/.test(n))) {
      if (!data.files.includes(f)) {
        fs.symlinkSync(path.join(EMODB, f), path.join(data.dir, f));
        data.files.push(f);
      }
    }
    served = await startServe(path.join(work, 'project'));
    await served.rpc('import.start', { source: data.dir });
    await vi.waitFor(
      async () => {
        const { clips } = (await served.rpc<ProjectInfo>('project.info')).stats;
        if (clips < data.files.length) throw new Error(`import: ${clips} of ${data.files.length}`);
      },
      { timeout: 120_000, interval: 250 },
    );
    await served.rpc('labels.set', {
      labels: ['happy', 'sad', 'neutral', 'angry', 'boredom', 'disgust', 'fear'],
    });
    // two annotators, so Agreement has its pair table and matrices
    const { rows } = await served.rpc<ClipPage>('clips.list', { filter: {}, sort: 'path', limit: 1000 });
    for (const [i, r] of rows.entries()) {
      await served.rpc('clips.relabel', { ids: [r.id], label: r.label, annotator: 'Anna Long-Surname' });
      const other = i % 4 === 0 ? (r.label === 'sad' ? 'neutral' : 'sad') : r.label;
      await served.rpc('clips.relabel', { ids: [r.id], label: other, annotator: 'Benedikt Zweitname' });
    }
    // one short run: Train's runs table and Evaluate's matrix, tables and comparison
    const { runId } = await served.rpc<{ runId: number }>('train.start', {
      split: 'loso',
      epochs: 1,
      size: 'small',
      jobs: 1,
    });
    await vi.waitFor(
      async () => {
        const run = (await served.rpc<RunSummary[]>('runs.list')).find((r) => r.id === runId);
        if (run?.status !== 'done') throw new Error(`run ${runId}: ${run?.status}`);
      },
      { timeout: 280_000, interval: 1000 },
    );
    browser = await openBrowser();
    page = browser.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(served.url);
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`no screen scrolls sideways or cuts text off (${theme})`, async () => {
      await page.emulateMedia({ colorScheme: theme });
      const found: Record<string, string[]> = {};
      for (const id of SCREEN_IDS) {
        await nav(TITLES[id]).click();
        await main().getByRole('heading', { level: 1, name: TITLES[id] }).waitFor();
        // what each screen shows once its data is in
        if (id === 'clips')
          await main().getByRole('grid', { name: 'Clips' }).getByRole('row').nth(1).waitFor();
        if (id === 'train') await main().getByRole('table', { name: 'Runs' }).waitFor();
        if (id === 'evaluate') {
          await main().getByRole('table', { name: 'CNN beside the classic baseline' }).waitFor();
          // a cell with clips (an empty one cannot be opened)
          await main()
            .getByRole('button', { name: / predicted as \w+: [1-9]\d* clips/ })
            .first()
            .click();
          await main().getByRole('table', { name: 'Clips in the selected cell' }).waitFor();
        }
        if (id === 'agreement') await main().getByRole('table', { name: 'Pairwise agreement' }).waitFor();
        const problems = await layoutProblems(page);
        if (problems.length) found[id] = problems;
        await screenshot(page, `layout-${id}-${theme}-1366`);
      }
      expect(found).toEqual({});
    });
  }
});
