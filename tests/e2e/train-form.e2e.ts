/**
 * The Train form, end to end in Chromium against the real `ser serve`: empty fields show their defaults as
 * hints, every label and select shows in full at the laptop viewport and in a narrower window, and a reload
 * during a run shows that run's settings, read-only, rather than the form's defaults.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProjectInfo, RunSummary } from '../../src/common/contract.js';
import { TRAINING_DEFAULTS } from '../../src/common/options.js';
import { openBrowser, type Browser } from './support/browser.js';
import { studioLocators } from './support/locators.js';
import { emodbSubset } from './support/emodb-subset.js';
import { tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { startServe, type Served } from './support/serve.js';
import { hasSharedData } from '../support/shared-data.js';

const hasEmoDb = hasSharedData(
  'the Train form end-to-end tests (they import EmoDB files)',
  'data/emodb/manifest.csv',
);

/** Not the default: the run must show this, not 15. The CNN recipe makes it long enough to reload during it. */
const RUN_EPOCHS = '150';

/**
 * What of an element is hidden: for a select, how much wider its chosen option's text is than the room inside
 * it (arrow included); for anything else, how much its content overflows it, and how far it sticks out of the
 * form. Zeros mean shown in full.
 */
async function clipping(el: Locator): Promise<{ overflow: number; outside: number }> {
  return el.evaluate((node) => {
    const e = node as HTMLElement;
    const form = e.closest('form') as HTMLElement;
    const box = e.getBoundingClientRect();
    const formBox = form.getBoundingClientRect();
    const outside = Math.max(0, box.right - formBox.right, formBox.left - box.left);
    if (e instanceof HTMLSelectElement) {
      const style = getComputedStyle(e);
      const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
      ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = e.selectedOptions[0]?.textContent ?? '';
      // Chromium draws the drop-down arrow in about 20 px at the end of the content box.
      const room = e.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      return { overflow: Math.max(0, Math.ceil(ctx.measureText(text).width - room)), outside };
    }
    return { overflow: Math.max(0, e.scrollWidth - e.clientWidth), outside };
  });
}

/** How many lines a piece of text inside `el` is laid out on. */
async function linesOf(el: Locator, text: string): Promise<number> {
  return el.evaluate((node, wanted) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const at = (t.textContent ?? '').indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(t, at);
      range.setEnd(t, at + wanted.length);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }
    return -1;
  }, text);
}

describe.runIf(hasEmoDb)('the Train form (ser serve)', () => {
  let work: string;
  let served: Served;
  let browser: Browser;
  let page: Page;

  const { main, nav } = studioLocators(() => page);
  const form = () => main().getByRole('form', { name: 'Training settings' });

  beforeAll(async () => {
    work = tempDir('train-form');
    const data = emodbSubset(path.join(work, 'emodb-subset'), ['03', '08', '09']);
    served = await startServe(path.join(work, 'project'));
    await served.rpc('import.start', { source: data.dir });
    await vi.waitFor(
      async () => {
        const { clips } = (await served.rpc<ProjectInfo>('project.info')).stats;
        if (clips < data.files.length)
          throw new Error(`the import did not finish (${clips} of ${data.files.length}):\n${served.log()}`);
      },
      { timeout: 120_000, interval: 250 },
    );
    browser = await openBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('shows each empty field’s default as a hint, not as a value', async () => {
    await page.goto(served.url);
    await nav('Train').click();
    const info = await served.rpc<ProjectInfo>('project.info');
    const expected: Array<[string, string]> = [
      ['Epochs', `${TRAINING_DEFAULTS.epochs} (default)`],
      ['Networks averaged', `${TRAINING_DEFAULTS.members} (default)`],
      ['Statistics branch rate', `${TRAINING_DEFAULTS.statsRateScale} (default)`],
      ['Trainings at once', `${info.defaultJobs} (default)`],
    ];
    for (const [name, hint] of expected) {
      const field = form().getByRole('spinbutton', { name });
      expect(await field.inputValue(), name).toBe('');
      expect(await field.getAttribute('placeholder'), name).toBe(hint);
    }
    // a hint looks like one: italic and in the muted colour, not the colour of typed text
    const epochs = form().getByRole('spinbutton', { name: 'Epochs' });
    const look = await epochs.evaluate((el) => {
      const hint = getComputedStyle(el, '::placeholder');
      return { hint: hint.color, italic: hint.fontStyle, typed: getComputedStyle(el).color };
    });
    expect(look.italic).toBe('italic');
    expect(look.hint).not.toBe(look.typed);
    // the default split is leave-one-speaker-out, as for `ser train`
    expect(await form().getByRole('combobox', { name: 'Split' }).inputValue()).toBe('loso');
    await form().getByRole('combobox', { name: 'Split' }).selectOption('kfold');
    expect(await form().getByRole('spinbutton', { name: 'Folds' }).getAttribute('placeholder')).toBe(
      `${TRAINING_DEFAULTS.kfold} (default)`,
    );
    await form().getByRole('combobox', { name: 'Split' }).selectOption('loso');
    await screenshot(page, 'train-form');
    // a number out of range is refused in the form, in the engine's words, and Train waits for a valid one
    await epochs.fill('-3');
    const estimate = form().getByRole('status', { name: 'Time estimate' });
    await expect.poll(() => estimate.textContent()).toMatch(/\(epochs\): .*1/);
    expect(await form().getByRole('button', { name: 'Train' }).isDisabled()).toBe(true);
    await epochs.fill('');
    await expect.poll(() => estimate.textContent()).toMatch(/At most about/);
    expect(await form().getByRole('button', { name: 'Train' }).isDisabled()).toBe(false);
  });

  it('shows every select and the early-stopping label in full, wide and narrow', async () => {
    for (const viewport of [
      { width: 1360, height: 860 },
      { width: 1000, height: 800 },
      { width: 760, height: 900 },
    ]) {
      await page.setViewportSize(viewport);
      const where = `${viewport.width} px`;
      const head = form().getByRole('combobox', { name: 'Head' });
      // the longest choice of each select, chosen, must fit
      for (const kind of ['stats', 'gap', 'attention']) {
        await head.selectOption(kind);
        expect(await clipping(head), `Head ${kind} at ${where}`).toEqual({ overflow: 0, outside: 0 });
      }
      await head.selectOption('stats');
      const recipe = form().getByRole('combobox', { name: 'Recipe' });
      for (const kind of ['', 'classic', 'fusion', 'cnn', 'auto']) {
        await recipe.selectOption(kind);
        expect(await clipping(recipe), `Recipe ${kind || 'default'} at ${where}`).toEqual({
          overflow: 0,
          outside: 0,
        });
      }
      await recipe.selectOption('');
      for (const name of ['Split', 'Model size']) {
        const select = form().getByRole('combobox', { name });
        expect(await clipping(select), `${name} at ${where}`).toEqual({ overflow: 0, outside: 0 });
      }
      const early = form().locator('label', {
        has: page.getByRole('checkbox', { name: /Early stopping in each fold/ }),
      });
      expect(await clipping(early), `early stopping at ${where}`).toEqual({ overflow: 0, outside: 0 });
      // its name is not squeezed into a narrow column beside its explanation
      expect(await linesOf(early, 'Early stopping in each fold'), where).toBe(1);
      if (viewport.width === 1000) await screenshot(page, 'train-form-narrow');
    }
    await page.setViewportSize({ width: 1360, height: 860 });
  });

  it('at 1366x768, Train brings the progress card into view with focus, and names the recipe and its parts', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    if (!page.url().startsWith(served.url)) await page.goto(served.url);
    await nav('Train').click();
    const subtitle = main().locator('header p').first();
    // the default recipe is the fusion, and the page says so before anything trains
    await expect.poll(() => subtitle.textContent()).toContain('Recipe: fusion');
    await form().getByRole('combobox', { name: 'Recipe' }).selectOption('cnn');
    await expect.poll(() => subtitle.textContent()).toContain('Recipe: a CNN on log-mel spectrograms');
    await form().getByRole('combobox', { name: 'Recipe' }).selectOption('');
    await form().getByRole('spinbutton', { name: 'Epochs' }).fill('1');
    const train = form().getByRole('button', { name: 'Train' });
    await train.scrollIntoViewIfNeeded();
    const card = main().getByRole('region', { name: /^Run \d+/ });
    // the button is at the bottom of the form: pressing it leaves the top of the page out of view
    expect((await train.boundingBox())!.y).toBeGreaterThan(400);
    await train.click();
    await card.waitFor({ timeout: 60_000 });
    const inView = async () => {
      const box = await card.boundingBox();
      return box !== null && box.y >= 0 && box.y < 768 - 100;
    };
    await expect.poll(inView).toBe(true);
    await expect.poll(() => card.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toMatch(
      /Run \d+ · Fusion \(CNN \+ classic\)/,
    );
    const parts = card.getByRole('list', { name: 'Parts of the recipe' });
    expect(await parts.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^CNN \(half of the fusion\) · (waiting|training now|done)$/),
      expect.stringMatching(/^Classic baseline \(half of the fusion\) · (waiting|training now|done)$/),
    ]);
    // Cancel is in view too
    const cancel = card.getByRole('button', { name: 'Cancel', exact: true });
    if (await cancel.isVisible()) expect((await cancel.boundingBox())!.y).toBeLessThan(768);
    await screenshot(page, 'train-progress-1366');

    // the result: one figure per model, named as Evaluate names them, the run's own model first
    const figures = card.getByRole('table', { name: 'Held-out scores of each model' });
    await figures.waitFor({ timeout: 240_000 });
    const rows = await figures.getByRole('rowheader').allTextContents();
    expect(rows).toEqual(['Fusion (CNN + classic) (this run’s model)', 'CNN', 'Classic baseline']);
    for (const l of await parts.getByRole('listitem').allTextContents()) expect(l).toMatch(/· done$/);
    const status = (await card.locator('p.status').textContent()) ?? '';
    expect(status).toMatch(/Finished\.\s+Fusion \(CNN \+ classic\): macro F1/);
    // leave-one-speaker-out without early stopping has no validation speakers: no such tile, curve or legend
    expect(await card.getByText(/val\./i).count()).toBe(0);
    expect(await card.locator('.u-legend').getByText('validation').count()).toBe(0);
    await expect.poll(() => card.locator('.u-legend').getByText('training').count()).toBeGreaterThan(0);
    await screenshot(page, 'train-result-1366');
    await page.setViewportSize({ width: 1360, height: 860 });
  });

  it('after a reload during a run, shows that run’s settings, read-only', async () => {
    await form().getByRole('spinbutton', { name: 'Epochs' }).fill(RUN_EPOCHS);
    await form().getByRole('combobox', { name: 'Recipe' }).selectOption('cnn');
    await form().getByRole('combobox', { name: 'Head' }).selectOption('attention');
    await form().getByRole('button', { name: 'Train' }).click();
    await main().getByRole('progressbar', { name: 'Training progress' }).waitFor({ timeout: 60_000 });
    const runs = await served.rpc<RunSummary[]>('runs.list');
    expect(runs[0].status).toBe('running');

    await page.reload();
    await nav('Train').click();
    const epochs = form().getByRole('spinbutton', { name: 'Epochs' });
    await expect.poll(() => epochs.inputValue(), { timeout: 30_000 }).toBe(RUN_EPOCHS);
    expect(await form().getByRole('combobox', { name: 'Recipe' }).inputValue()).toBe('cnn');
    expect(await form().getByRole('combobox', { name: 'Head' }).inputValue()).toBe('attention');
    expect(await form().getByRole('combobox', { name: 'Split' }).inputValue()).toBe('loso');
    // the run is still going: the page did not simply catch its end
    expect((await served.rpc<RunSummary[]>('runs.list'))[0].status).toBe('running');
    await expect
      .poll(() => form().getByRole('note').first().textContent())
      .toMatch(new RegExp(`The settings of run ${runs[0].id}, training now: read-only until it ends`));
    // every field, box and the Train button are disabled while it runs
    const controls = form().locator('input, select, button');
    const total = await controls.count();
    expect(total).toBeGreaterThan(10);
    for (let i = 0; i < total; i++) expect(await controls.nth(i).isDisabled(), `control ${i}`).toBe(true);
    await form().scrollIntoViewIfNeeded();
    await screenshot(page, 'train-form-running');

    // stop it: nothing else needs the machine's cores
    await main().getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect
      .poll(async () => (await served.rpc<RunSummary[]>('runs.list'))[0].status, { timeout: 120_000 })
      .toBe('cancelled');
    await expect.poll(() => epochs.isDisabled(), { timeout: 30_000 }).toBe(false);
    // what it ran with stays in the form, ready to change and run again
    expect(await epochs.inputValue()).toBe(RUN_EPOCHS);
  });
});
