/**
 * The Review screen's audio view, end to end in Chromium against the real `ser serve`: the time axis, zoom
 * from the keyboard and the buttons, a dragged selection that loops, playback speed with the pitch kept,
 * and the pitch/energy contours drawn under the spectrogram.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser.js';
import { studioLocators } from './support/locators.js';
import { drawnPixels } from './support/canvas.js';
import { emodbSubset } from './support/emodb-subset.js';
import { tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { startServe, type Served } from './support/serve.js';
import { hasSharedData } from '../support/shared-data.js';

const hasEmoDb = hasSharedData('the audio view end-to-end tests (they import EmoDB files)', 'data/emodb');

describe.runIf(hasEmoDb)('Review: the audio view', () => {
  let work: string;
  let served: Served;
  let browser: Browser;
  let page: Page;

  const { main, nav, button } = studioLocators(() => page);
  const audio = () => main().locator('[data-state]').first();
  /** The visible time window [start, end] in seconds. */
  const visible = async (): Promise<[number, number]> => {
    const v = (await audio().getAttribute('data-view')) ?? '0-0';
    const [a, b] = v.split('-').map(Number);
    return [a, b];
  };
  const span = async (): Promise<number> => {
    const [a, b] = await visible();
    return b - a;
  };
  const media = <T>(fn: (m: HTMLAudioElement) => T): Promise<T> =>
    audio()
      .locator('audio')
      .evaluate(fn as (m: HTMLAudioElement) => T);

  beforeAll(async () => {
    work = tempDir('audio-view');
    const data = emodbSubset(path.join(work, 'emodb'), ['03', '08']);
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

  it('shows the clip with a time axis in seconds and the contours drawn', async () => {
    await nav('Review').click();
    await expect.poll(() => audio().getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    const axis = main().getByRole('group', { name: 'Time axis (seconds)' });
    // an EmoDB file is 2.000 s: the whole clip, labelled on round steps from 0 to 2
    const labels = async (): Promise<string[]> => ((await axis.textContent()) ?? '').trim().split(/\s+/);
    await expect.poll(labels).toEqual(expect.arrayContaining(['0.0', '1.0', '2.0']));
    expect((await labels()).at(-1)).toBe('2.0');
    expect(await visible()).toEqual([0, 2]);
    const contours = main().getByRole('img', {
      name: /^Pitch \(F0\) and energy contours of .*median F0 \d+ Hz/,
    });
    await expect.poll(() => drawnPixels(contours)).toBeGreaterThan(3000);
    // the spectrogram and the waveform are still there, now in one scrolling view with the playhead
    await expect
      .poll(() => drawnPixels(main().getByRole('img', { name: /^Mel spectrogram of / })))
      .toBeGreaterThan(20_000);
    await expect
      .poll(() => drawnPixels(main().getByRole('img', { name: /^Waveform of / })))
      .toBeGreaterThan(2000);
    // how long they took is the UI bench's business (bench/ui.ts); here only that they were timed
    expect(await audio().getAttribute('data-contours-ms')).toMatch(/^\d+$/);
  });

  it('zooms in time from the keyboard and the buttons, axis and contours following', async () => {
    const axis = main().getByRole('group', { name: 'Time axis (seconds)' });
    const labelsBefore = await axis.textContent();
    await page.keyboard.press('+');
    await expect.poll(span).toBeCloseTo(1, 2);
    await button('Zoom in').click();
    await expect.poll(span).toBeCloseTo(0.5, 2);
    // finer labels at this zoom (0.05 or 0.1 s steps: two decimals or a new tenth)
    await expect.poll(() => axis.textContent()).not.toBe(labelsBefore);
    await expect.poll(() => main().getByRole('group', { name: 'Zoom' }).textContent()).toContain('4x');
    // zoomed, the view scrolls sideways, the axis and the contours with it
    await main()
      .getByRole('group', { name: /^Audio of / })
      .hover();
    await page.mouse.wheel(400, 0);
    await expect.poll(async () => (await visible())[0]).toBeGreaterThan(0.1);
    expect(await span()).toBeCloseTo(0.5, 2);
    const scrolledLabels = await axis.textContent();
    expect(scrolledLabels).not.toContain('0.00');
    await screenshot(page, 'review-audio-view-zoomed');
    await page.keyboard.press('-');
    await expect.poll(span).toBeCloseTo(1, 2);
    await button('Zoom to fit').click();
    await expect.poll(span).toBeCloseTo(2, 2);
    expect(await button('Zoom out').isDisabled()).toBe(true);
    // Ctrl+wheel over the view zooms as well, a plain wheel does not: after one of each, the view is one
    // step in (two, had the plain wheel zoomed too; the page handles the two in order)
    await main()
      .getByRole('group', { name: /^Audio of / })
      .hover();
    await page.mouse.wheel(0, -100);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await expect.poll(span).toBeCloseTo(1, 2);
    expect(await main().getByRole('group', { name: 'Zoom' }).textContent()).toContain('2x');
    await page.keyboard.press('0');
    await expect.poll(span).toBeCloseTo(2, 2);
  });

  it('selects a region by dragging and loops it: playback stays inside across its end', async () => {
    const wave = main().getByRole('img', { name: /^Waveform of / });
    const box = await wave.boundingBox();
    if (!box) throw new Error('no waveform box');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.55, y, { steps: 5 });
    await page.mouse.up();
    const selection = main().getByText(/^Selection \d\.\d\d–\d\.\d\d s/);
    await expect.poll(() => selection.isVisible()).toBe(true);
    const [, a, b] = /Selection (\d\.\d\d)–(\d\.\d\d)/.exec((await selection.textContent()) ?? '') ?? [];
    const start = Number(a);
    const end = Number(b);
    expect(start).toBeGreaterThan(0.5);
    expect(end).toBeLessThan(1.2);
    expect(end - start).toBeGreaterThan(0.3);

    await page.keyboard.press('l');
    await expect.poll(() => button('Loop').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => media((m) => !m.paused)).toBe(true);
    // sample the media's own time, in the page, until playback has gone round the selection twice (the
    // time went back to the start), giving up after 5,000 readings (a loop that never goes round)
    const times = await audio()
      .locator('audio')
      .evaluate(
        (m: HTMLAudioElement, enough: number) =>
          new Promise<number[]>((resolve) => {
            const out: number[] = [];
            let wraps = 0;
            const tick = (): void => {
              const t = m.currentTime;
              if (out.length > 0 && t < out[out.length - 1] - 0.1) wraps++;
              out.push(t);
              if ((wraps >= 2 && out.length >= 40) || out.length >= enough) resolve(out);
              else setTimeout(tick, 10);
            };
            tick();
          }),
        5000,
      );
    await page.keyboard.press('Space');
    // every reading inside the selection (a frame of slack past the end, where the loop catches it) ...
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(start - 0.011);
      expect(t).toBeLessThanOrEqual(end + 0.06);
    }
    // ... and it did go round, twice: the time went back to the start
    const wraps = times.slice(1).filter((t, i) => t < times[i] - 0.1).length;
    expect(wraps).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'review-audio-view');
  });

  it('moves the selection from the keyboard and clears it with Escape', async () => {
    const selection = main().getByText(/^Selection \d\.\d\d–\d\.\d\d s/);
    const before = (await selection.textContent()) ?? '';
    const startOf = (text: string): number => Number(/Selection (\d\.\d\d)/.exec(text)?.[1]);
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect
      .poll(async () => startOf((await selection.textContent()) ?? ''))
      .toBeGreaterThan(startOf(before));
    await page.keyboard.press('Escape');
    await expect.poll(() => selection.count()).toBe(0);
    await page.keyboard.press('l');
    await expect.poll(() => button('Loop').getAttribute('aria-pressed')).toBe('false');
  });

  it('changes the playback speed, keeping the pitch, from the select and the keyboard', async () => {
    const speed = main().getByRole('combobox', { name: 'Playback speed' });
    await speed.selectOption('0.5');
    await expect.poll(() => media((m) => m.playbackRate)).toBe(0.5);
    expect(await media((m) => m.preservesPitch)).toBe(true);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('>');
    await page.keyboard.press('>');
    await expect.poll(() => media((m) => m.playbackRate)).toBe(1);
    await page.keyboard.press('>');
    await expect.poll(() => speed.inputValue()).toBe('1.25');
    // the speed holds on the next clip
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => audio().getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    await expect.poll(() => media((m) => m.playbackRate)).toBe(1.25);
    await speed.selectOption('1');
  });
});
