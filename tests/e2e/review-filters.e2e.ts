/**
 * Review walks what the Clips filters show, and every count says the same thing: the real `ser serve` over a
 * project of EmoDB files in the label set, a few outside it (angry) and two files an import rejects.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipPage } from '../../src/common/contract.js';
import { openBrowser, type Browser } from './support/browser.js';
import { studioLocators } from './support/locators.js';
import { emodbSubset } from './support/emodb-subset.js';
import { EMODB, tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { startServe, type Served } from './support/serve.js';
import { hasSharedData } from '../support/shared-data.js';

const SPEAKERS = ['03', '08'];

const hasEmoDb = hasSharedData(
  'the Review filter end-to-end tests (they import EmoDB files)',
  'data/emodb/manifest.csv',
);

describe.runIf(hasEmoDb)('Review follows the Clips filters; counts agree', () => {
  let work: string;
  let inSet: string[];
  let angry: string[];
  let served: Served;
  let browser: Browser;
  let page: Page;

  const { main, nav, button } = studioLocators(() => page);
  const subtitle = () => main().locator('header p').first();
  const sidebarValue = async (name: string): Promise<string | null> => {
    const entry = page
      .locator('aside dl > div')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) });
    return (await entry.count()) ? entry.locator('dd').textContent() : null;
  };

  beforeAll(async () => {
    work = tempDir('review-filters');
    const data = emodbSubset(path.join(work, 'corpus'), SPEAKERS);
    inSet = data.files;
    // angry (EmoDB W) is a label the studio knows but the default label set (happy, sad, neutral) leaves out
    angry = fs
      .readdirSync(EMODB)
      .filter((f) => /^0[38]a0\dW[a-z]\.wav$/.test(f))
      .slice(0, 3);
    for (const f of angry) fs.symlinkSync(path.join(EMODB, f), path.join(data.dir, f));
    fs.writeFileSync(path.join(data.dir, 'notes.wav'), 'these are my notes, not audio\n');
    fs.writeFileSync(path.join(data.dir, 'empty.wav'), '');
    served = await startServe(path.join(work, 'project'));
    browser = await openBrowser();
    page = browser.page;
    await page.goto(served.url);
    await main().getByRole('textbox', { name: 'Folder or manifest path on the server' }).fill(data.dir);
    await button('Import').click();
    await main().getByText('Import finished').waitFor({ timeout: 120_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('counts clips and rejected files apart, with the same words everywhere', async () => {
    const clips = inSet.length + angry.length;
    // the import summary
    const summary = main().getByRole('status').filter({ hasText: 'Import finished' });
    await expect.poll(() => summary.textContent()).toContain(`${clips} clips added`);
    expect(await summary.textContent()).toContain('2 rejected files');
    // the sidebar
    await expect.poll(() => sidebarValue('Clips')).toBe(String(clips));
    expect(await sidebarValue('Rejected files')).toBe('2');
    // the header: the default filter (label set, no rejected files) out of all clips, rejected files beside
    await expect
      .poll(() => subtitle().textContent())
      .toBe(`${inSet.length} of ${clips} clips · 2 rejected files`);
    const grid = main().getByRole('grid', { name: 'Clips' });
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(inSet.length + 1));
    // "Any label" brings the angry clips in; the count still says clips, and the same total
    await main().getByRole('combobox', { name: 'Label filter' }).selectOption({ label: 'Any label' });
    await expect.poll(() => subtitle().textContent()).toBe(`${clips} clips · 2 rejected files`);
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(clips + 1));
    await main().getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(inSet.length + 1));
    await button('Dismiss').click();
  });

  it('starts Review on the clips in play: the label set, no rejected file, and says so', async () => {
    await nav('Review').click();
    const following = main().getByRole('group', { name: 'Filter followed' });
    await expect
      .poll(() => following.textContent())
      .toContain('labels happy, sad, neutral or unlabelled · no rejected files');
    await expect.poll(() => subtitle().textContent()).toContain(`clip 1 of ${inSet.length}`);
  });

  it('walks exactly the filtered clips, in the Clips order, from the keyboard', async () => {
    await main()
      .getByRole('group', { name: 'Filter followed' })
      .getByRole('button', { name: 'Change filters' })
      .click();
    await expect.poll(() => nav('Clips').getAttribute('aria-current')).toBe('page');
    await main().getByRole('combobox', { name: 'Speaker filter' }).selectOption('08');
    const expected = inSet.filter((f) => f.startsWith('08'));
    const grid = main().getByRole('grid', { name: 'Clips' });
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(expected.length + 1));
    await expect.poll(() => subtitle().textContent()).toContain(`${expected.length} of `);

    await nav('Review').click();
    const following = main().getByRole('group', { name: 'Filter followed' });
    await expect.poll(() => following.textContent()).toContain('speaker 08');
    const seen: string[] = [];
    for (let i = 0; i < expected.length; i++) {
      const position = `clip ${i + 1} of ${expected.length}`;
      await expect.poll(() => subtitle().textContent()).toContain(position);
      await expect.poll(() => main().locator('[data-clip]').getAttribute('data-clip')).toBe(expected[i]);
      seen.push((await subtitle().locator('.name').textContent()) ?? '');
      if (i === 0) await screenshot(page, 'review-follows-filter');
      await page.keyboard.press(i % 2 ? 'j' : 'ArrowRight');
    }
    expect(seen).toEqual(expected);
    // past the end it stays on the last clip; ← walks back the same way
    await expect
      .poll(() => subtitle().textContent())
      .toContain(`clip ${expected.length} of ${expected.length}`);
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => subtitle().textContent())
      .toContain(`${expected.at(-2)} · clip ${expected.length - 1} of ${expected.length}`);
  });

  it('shows a rejected file with its reason, never a media error or an empty spectrogram', async () => {
    await nav('Clips').click();
    await main().getByRole('button', { name: 'Clear filters' }).click();
    await main().getByRole('checkbox', { name: 'Rejected files' }).check();
    const grid = main().getByRole('grid', { name: 'Clips' });
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe('3');
    await expect
      .poll(() => subtitle().textContent())
      .toBe(`2 rejected files · ${inSet.length + angry.length} clips`);
    const rejected = await served.rpc<ClipPage>('clips.list', { filter: { status: 'rejected' } });
    await grid.getByRole('row').nth(1).click();
    await page.keyboard.press('Enter');
    await expect.poll(() => nav('Review').getAttribute('aria-current')).toBe('page');
    for (const [i, file] of rejected.rows.entries()) {
      await expect
        .poll(() => subtitle().textContent())
        .toContain(`${file.name} · rejected file ${i + 1} of 2`);
      const card = main().getByRole('group', { name: `Rejected file ${file.name}` });
      await expect.poll(() => card.textContent()).toContain(`Rejected at import: ${file.reason}`);
      // never handed to the player: no waveform, no spectrogram, no media error, no alert at all
      expect(
        await main()
          .getByRole('img', { name: /spectrogram|Waveform/ })
          .count(),
      ).toBe(0);
      expect(await main().getByRole('alert').count()).toBe(0);
      expect(await main().textContent()).not.toMatch(/DEMUXER|PIPELINE_|Could not load/);
      // and it cannot be labelled
      expect(await main().getByRole('group', { name: 'Set label' }).count()).toBe(0);
      if (file.name === 'empty.wav') await screenshot(page, 'review-rejected-file');
      await page.keyboard.press('ArrowRight');
    }
    expect(rejected.rows.map((r) => r.name).sort()).toEqual(['empty.wav', 'notes.wav']);
    await expect
      .poll(() => main().getByRole('group', { name: 'Filter followed' }).textContent())
      .toContain('rejected files only');
    expect(browser.problems.filter((p) => /DEMUXER|MediaError/.test(p))).toEqual([]);
  });

  it('has one control per file picker in the accessibility tree', async () => {
    await nav('Clips').click();
    await button('Import…').click();
    const pickers = main().getByRole('button', { name: /Upload audio files/ });
    await expect.poll(() => pickers.count()).toBe(1);
    // Chromium's own accessibility tree (what a screen reader reads): the hidden <input type=file> is not in it
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{ ignored: boolean; role?: { value: string }; name?: { value: string } }>;
    };
    const named = nodes.filter((n) => !n.ignored && /Upload audio files/.test(n.name?.value ?? ''));
    // besides the drop area (a group named by its button) and the button's text, one control: the button
    const text = new Set(['group', 'StaticText', 'InlineTextBox']);
    expect(named.map((n) => n.role?.value).filter((r) => !text.has(r ?? ''))).toEqual(['button']);
    await cdp.detach();
    // and it still does its job: choosing files through it uploads and imports them
    await main().locator('input[type=file]').setInputFiles(path.join(EMODB, '09a01Fa.wav'));
    await main().getByText('Import finished').waitFor({ timeout: 60_000 });
    await expect.poll(() => main().getByText('1 clip added').isVisible()).toBe(true);
  });
});
