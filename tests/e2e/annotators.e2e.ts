/**
 * Several annotators, end to end in Chromium against the real `ser serve`: a first annotator labels
 * imported EmoDB clips in a blind pass from the keyboard, a second one takes over in the sidebar and labels
 * the same clips blind (no label, no model guess, no history on screen), and the Agreement screen shows
 * Cohen's kappa, the pairwise table and the acted emotion against the perceived ones.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementReport, ClipPage } from '../../src/common/contract.js';
import { cohenKappa } from '../../src/core/agreement/kappa.js';
import { unnamedControls } from './support/a11y.js';
import { openBrowser, type Browser } from './support/browser.js';
import { studioLocators } from './support/locators.js';
import { emodbSubset } from './support/emodb-subset.js';
import { tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { startServe, type Served } from './support/serve.js';
import { hasSharedData } from '../support/shared-data.js';

const hasEmoDb = hasSharedData(
  'the annotators end-to-end test (it imports EmoDB files)',
  'data/emodb/manifest.csv',
);
const LABELS = ['happy', 'sad', 'neutral']; // the default label set: keys 1, 2, 3
const ACTED: Record<string, string> = { F: 'happy', T: 'sad', N: 'neutral' };

describe.runIf(hasEmoDb)('several annotators, a blind pass and their agreement', () => {
  let work: string;
  let files: string[];
  let served: Served;
  let browser: Browser;
  let page: Page;

  const { main, nav } = studioLocators(() => page);
  const sidebar = () => page.getByRole('region', { name: 'Annotator' });

  beforeAll(async () => {
    work = tempDir('annotators');
    const subset = emodbSubset(path.join(work, 'emodb'), ['03']);
    // two takes of each emotion are enough: six clips
    const keep = new Set(['F', 'T', 'N'].flatMap((l) => subset.files.filter((f) => f[5] === l).slice(0, 2)));
    for (const f of subset.files) if (!keep.has(f)) fs.unlinkSync(path.join(subset.dir, f));
    files = [...keep].sort();
    served = await startServe(path.join(work, 'project'));
    browser = await openBrowser();
    page = browser.page;
    await page.goto(served.url);
    await main().getByRole('textbox', { name: 'Folder or manifest path on the server' }).fill(subset.dir);
    await main().getByRole('button', { name: 'Import', exact: true }).click();
    await main().getByText('Import finished').waitFor({ timeout: 120_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  async function setAnnotator(name: string): Promise<void> {
    await sidebar()
      .getByRole('button', { name: /^(Set annotator name|Change annotator)$/ })
      .click();
    await sidebar().getByRole('textbox', { name: 'Your annotator name' }).fill(name);
    await sidebar().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => sidebar().textContent()).toContain(name);
  }

  /** The clips `name` has not labelled yet, in the blind pass's order (by number: a name may tell the label). */
  const notLabelledBy = async (name: string) =>
    (await served.rpc<ClipPage>('clips.list', { filter: { notLabelledBy: name }, sort: 'imported' })).rows;

  const header = () => main().getByRole('heading', { level: 1 }).locator('..');

  /**
   * Waits until Review shows the clip `left` clips before the queue's end, as its user sees it: the position
   * beside the title (set once the clip is on screen, not while it loads), or the empty queue at the end.
   */
  async function shown(left: number): Promise<void> {
    if (left > 0) await expect.poll(() => header().textContent()).toContain(`clip 1 of ${left}`);
    else
      await expect.poll(() => main().getByText('Nothing matches the current filters').isVisible()).toBe(true);
  }

  /** Labels every clip of the blind queue from the keyboard, `pick` choosing the label for each file. */
  async function blindPass(name: string, pick: (file: string) => string, shot?: string): Promise<void> {
    await nav('Clips').click();
    const blind = main().getByRole('checkbox', { name: /Blind pass/ });
    if (!(await blind.isChecked())) await blind.check();
    await nav('Review').click();
    for (let left = files.length; left > 0; left--) {
      await shown(left);
      const next = (await notLabelledBy(name))[0];
      // Nor the file name, which in EmoDB spells the acted emotion.
      expect(await header().textContent()).not.toContain(next.name);
      // Nothing on screen tells the annotator what anyone (or the model) said.
      const current = main().getByRole('region', { name: 'Current clip' });
      await expect.poll(() => current.textContent()).toContain('Blind pass');
      expect(await main().getByRole('list', { name: 'Label history' }).count()).toBe(0);
      expect(await current.getByText(/model says/).count()).toBe(0);
      for (const l of LABELS)
        expect(
          await current
            .getByRole('group', { name: 'Set label' })
            .getByRole('button', { name: l })
            .getAttribute('aria-pressed'),
        ).toBe('false');
      if (shot && left === files.length - 1) {
        expect(await unnamedControls(page), 'unnamed controls in the blind pass').toEqual([]);
        await screenshot(page, shot);
      }
      await page.keyboard.press(String(LABELS.indexOf(pick(next.name)) + 1));
      // The next clip takes this one's place; Review gives its position once it is on screen.
      await shown(left - 1);
      expect(await notLabelledBy(name)).toHaveLength(left - 1);
      // Nor does the announcement of the label (the live region, outside the main view) name the file.
      expect(await page.locator('body').textContent()).not.toContain(next.name);
    }
  }

  it('annotator A labels the imported clips blind from the keyboard', async () => {
    await setAnnotator('Anna');
    await blindPass('Anna', (f) => ACTED[f[5]]);
    const report = await served.rpc<AgreementReport>('agreement.get', {});
    expect(report.annotators).toEqual([{ name: 'Anna', clips: 6 }]);
  });

  // Ben hears the first happy take as neutral and the first sad take as neutral.
  const ben = (f: string) =>
    f === files.find((x) => x[5] === 'F') || f === files.find((x) => x[5] === 'T') ? 'neutral' : ACTED[f[5]];

  it('Clips in the blind pass shows clip numbers: no file name, label or guess', async () => {
    await setAnnotator('Ben');
    await nav('Clips').click();
    const blind = main().getByRole('checkbox', { name: /Blind pass/ });
    expect(await blind.isChecked()).toBe(true); // still on from Anna's pass, now Ben's
    const grid = main().getByRole('grid', { name: 'Clips' });
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(files.length + 1));
    const ids = (await notLabelledBy('Ben')).map((r) => r.id);
    await expect.poll(() => grid.getByRole('row').count()).toBe(files.length + 1);
    const shown = (await grid.textContent()) ?? '';
    // listed by clip number, not by name (EmoDB's takes of one sentence sort by their emotion's letter)
    expect([...shown.matchAll(/Clip (\d+)/g)].map((m) => Number(m[1]))).toEqual(ids);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // Anna labelled every clip: outside the blind pass each row would show a name and a label
    for (const f of files) expect(shown).not.toContain(f.replace(/\.wav$/, ''));
    for (const l of LABELS) expect(shown).not.toContain(l);
    for (const f of files)
      expect(await page.locator(`[title*="${f.replace(/\.wav$/, '')}"]`).count()).toBe(0);
    // nothing that picks clips by name or label, or orders them by it
    expect(await main().getByRole('searchbox', { name: 'Search file names' }).isDisabled()).toBe(true);
    expect(await main().getByRole('combobox', { name: 'Label filter' }).isDisabled()).toBe(true);
    expect(await grid.getByRole('columnheader', { name: /Label/ }).getByRole('button').isDisabled()).toBe(
      true,
    );
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'clips-blind-1366');
    await page.setViewportSize({ width: 1360, height: 860 });
    // without the blind pass the same list names the files and their labels
    await blind.uncheck();
    await expect.poll(() => grid.textContent()).toContain(files[0].replace(/\.wav$/, ''));
    expect(await grid.textContent()).toContain('happy');
    await blind.check();
    await expect.poll(() => grid.textContent()).not.toContain(files[0].replace(/\.wav$/, ''));
  });

  it('annotator B, chosen in the sidebar, labels the same clips blind', async () => {
    expect(await notLabelledBy('Ben')).toHaveLength(6);
    await blindPass('Ben', ben, 'review-blind');
    const page2 = await served.rpc<ClipPage>('clips.list', {
      filter: { annotatorsDisagree: true },
      sort: 'divided',
    });
    expect(page2.total).toBe(2);
  });

  it('the Agreement screen shows kappa, the pairwise table and acted against perceived', async () => {
    await nav('Agreement').click();
    const expected = cohenKappa(files.map((f) => [ACTED[f[5]], ben(f)] as [string, string]));
    // Anna h2 s2 n2, Ben h1 s1 n4; 4 of 6 agree: po = 2/3, pe = (2 + 2 + 8) / 36 = 1/3, kappa = 0.5
    expect(expected).toBeCloseTo(0.5, 12);
    const overall = main().getByRole('region', { name: 'Overall agreement' });
    await expect.poll(() => overall.textContent()).toContain('Cohen’s kappa');
    expect(await overall.textContent()).toContain('0.500');
    expect(await overall.textContent()).toContain('moderate · 6 clips');
    const pairs = main().getByRole('table', { name: 'Pairwise agreement' });
    expect(await pairs.getByRole('row').nth(1).textContent()).toMatch(/Anna \/ Ben\s*6\s*0\.667\s*0\.500/);
    const matrix = main().getByRole('table', { name: 'Anna (rows) against Ben (columns)' });
    // Anna's happy row: Ben said happy once, neutral once
    const happyRow = matrix.getByRole('row').nth(1);
    expect(await happyRow.getByRole('rowheader').textContent()).toBe('happy');
    expect(await happyRow.getByRole('cell').allTextContents()).toEqual(['1', '0', '1']);
    await expect
      .poll(() => main().getByRole('region', { name: 'Acted against perceived' }).isVisible())
      .toBe(true);
    expect(await unnamedControls(page), 'unnamed controls on Agreement').toEqual([]);
    await screenshot(page, 'agreement');

    // The disagreement queue opens in Review, labels shown again.
    await main().getByRole('button', { name: 'Review disagreements (2)' }).click();
    await expect.poll(() => nav('Review').getAttribute('aria-current')).toBe('page');
    await expect
      .poll(() =>
        main()
          .getByText(/clip 1 of 2/)
          .isVisible(),
      )
      .toBe(true);
    await expect.poll(() => main().getByText('annotators tie').isVisible()).toBe(true);
  });
});
