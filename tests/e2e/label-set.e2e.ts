/**
 * The label set from the data, end to end in Chromium against the real `ser serve`: an import of EmoDB with
 * its seven emotions offers them as the label set, with their counts; until then Clips and Review say how
 * many clips the label set leaves out and show them in one click; the change is one explicit, undoable action,
 * and ticking an emotion on Train changes what that run learns, never the label set.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectInfo } from '../../src/common/contract.js';
import { openBrowser, type Browser } from './support/browser.js';
import { studioLocators } from './support/locators.js';
import { EMODB, tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { startServe, type Served } from './support/serve.js';
import { hasSharedData } from '../support/shared-data.js';

const hasEmoDb = hasSharedData(
  'the label set end-to-end test (it imports EmoDB files)',
  'data/emodb/manifest.csv',
);

/** EmoDB's sixth letter: its seven emotions. */
const EMOTION: Record<string, string> = {
  F: 'happy',
  T: 'sad',
  N: 'neutral',
  W: 'angry',
  L: 'boredom',
  E: 'disgust',
  A: 'fear',
};
const DEFAULT_SET = ['happy', 'sad', 'neutral'];

describe.runIf(hasEmoDb)('the label set from the data', () => {
  let work: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let files: string[];
  let outside: number;

  const { main, nav, button } = studioLocators(() => page);
  const subtitle = () => main().locator('header p').first();
  const note = () => main().getByRole('note', { name: 'Label set' });
  const labels = async () => (await served.rpc<ProjectInfo>('project.info')).labels;

  beforeAll(async () => {
    work = tempDir('label-set');
    const dir = path.join(work, 'emodb-7');
    fs.mkdirSync(dir);
    // one speaker who acted every emotion (18 takes)
    files = fs.readdirSync(EMODB).filter((f) => /^12[ab]\d\d[A-Z][a-z]\.wav$/.test(f));
    for (const f of files) fs.symlinkSync(path.join(EMODB, f), path.join(dir, f));
    outside = files.filter((f) => !DEFAULT_SET.includes(EMOTION[f[5]])).length;
    served = await startServe(path.join(work, 'project'));
    browser = await openBrowser();
    page = browser.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(served.url);
    await main().getByRole('textbox', { name: 'Folder or manifest path on the server' }).fill(dir);
    await button('Import').click();
    await main().getByText('Import finished').waitFor({ timeout: 120_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('the import offers the seven emotions it found, with their counts', async () => {
    expect(new Set(files.map((f) => f[5])).size).toBe(7);
    const offer = main().getByRole('group', { name: 'Label set from the data' });
    await expect.poll(() => offer.textContent()).toContain('These clips carry 7 emotions');
    expect(await offer.textContent()).toContain(`${outside} of the clips imported are left out`);
    const summary = main().getByRole('status').filter({ hasText: 'Import finished' });
    for (const [letter, label] of Object.entries(EMOTION)) {
      const n = files.filter((f) => f[5] === letter).length;
      expect(await summary.textContent()).toContain(`${label} ${n}`);
    }
    expect(
      await offer
        .getByRole('button', {
          name: 'Use happy, sad, neutral, angry, boredom, disgust and fear as the label set',
        })
        .isVisible(),
    ).toBe(true);
    // nothing changed yet
    expect(await labels()).toEqual(DEFAULT_SET);
    await screenshot(page, 'clips-import-offer-1366');
  });

  it('Clips says how many clips the label set leaves out, and shows them in one click', async () => {
    await expect.poll(() => note().textContent()).toContain(`leaves out ${outside} labelled clips`);
    await expect
      .poll(() => subtitle().textContent())
      .toBe(`${files.length - outside} of ${files.length} clips`);
    await note().getByRole('button', { name: 'Show them' }).click();
    const grid = main().getByRole('grid', { name: 'Clips' });
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(outside + 1));
    // the filter controls say what is shown
    expect(await main().getByRole('combobox', { name: 'Label filter' }).inputValue()).toBe('*outside');
    expect(await grid.textContent()).toContain('angry');
    expect(await grid.textContent()).not.toContain('happy');
    await main().getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(files.length - outside + 1));
  });

  it('Review says it too, and its "Show them" walks those clips', async () => {
    await nav('Review').click();
    await expect.poll(() => note().textContent()).toContain(`leaves out ${outside} labelled clips`);
    await expect.poll(() => subtitle().textContent()).toContain(`clip 1 of ${files.length - outside}`);
    await screenshot(page, 'review-label-set-1366');
    await note().getByRole('button', { name: 'Show them' }).click();
    await expect.poll(() => subtitle().textContent()).toContain(`clip 1 of ${outside}`);
    await expect
      .poll(() => main().getByRole('group', { name: 'Filter followed' }).textContent())
      .toContain('labels outside the label set');
    await nav('Clips').click();
    await main().getByRole('button', { name: 'Clear filters' }).click();
  });

  it('ticking an emotion on Train changes what the run learns, not the label set', async () => {
    await nav('Train').click();
    const form = main().getByRole('form', { name: 'Training settings' });
    await form.getByRole('checkbox', { name: /angry/ }).check();
    await expect
      .poll(() => form.getByText(/This run learns/).textContent())
      .toContain(
        'This run learns happy, sad, neutral and angry; the label set stays happy, sad and neutral.',
      );
    expect(await labels()).toEqual(DEFAULT_SET);
    await form.getByRole('checkbox', { name: /angry/ }).uncheck();
    await expect.poll(() => form.getByText(/This run learns/).count()).toBe(0);
  });

  it('the offer is one action, undone in one click', async () => {
    await nav('Clips').click();
    await button('Import…').click();
    const offer = main().getByRole('group', { name: 'Label set from the data' });
    await offer.getByRole('button', { name: /as the label set$/ }).click();
    await expect.poll(labels).toEqual(['happy', 'sad', 'neutral', 'angry', 'boredom', 'disgust', 'fear']);
    await expect.poll(() => subtitle().textContent()).toBe(`${files.length} clips`);
    await expect.poll(() => offer.count()).toBe(0);
    await expect.poll(() => note().textContent()).toContain('Label set changed from happy, sad and neutral.');
    expect(await note().textContent()).not.toContain('leaves out');
    await note().getByRole('button', { name: 'Undo' }).click();
    await expect.poll(labels).toEqual(DEFAULT_SET);
    await expect.poll(() => note().textContent()).toContain(`leaves out ${outside} labelled clips`);
    await expect
      .poll(() => subtitle().textContent())
      .toBe(`${files.length - outside} of ${files.length} clips`);
  });
});
