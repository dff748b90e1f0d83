/**
 * Recording a session in the browser (ser serve), with Chromium's fake microphone playing a real EmoDB
 * sentence: three prompted takes for a new speaker from the keyboard, a refused take, a retake of a kept
 * one, pause and resume, then the takes as clips with their speaker, label and prompt.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipDetail, ClipPage, RecordingSessionDetail } from '../../src/common/contract.js';
import { unnamedControls } from './support/a11y.js';
import { openBrowser, type Browser } from './support/browser.js';
import { emodbSubset } from './support/emodb-subset.js';
import { EMODB, tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { startServe, type Served } from './support/serve.js';
import { hasSharedData } from '../support/shared-data.js';

/** A happy sentence of speaker 08 (2 s, peak -0.02 dBFS without a full-scale sample): the fake microphone loops it. */
const MIC_FILE = '08a01Fd.wav';
const PROMPTS = [
  'Der Lappen liegt auf dem Eisschrank.',
  'Das will sie am Mittwoch abgeben.',
  'Heute abend könnte ich es ihm sagen.',
];
const SPEAKER = 'newvoice01';

const hasEmoDb = hasSharedData(
  'the recording end-to-end test (its fake microphone plays EmoDB)',
  `data/emodb/${MIC_FILE}`,
);

describe.runIf(hasEmoDb)('recording a session in the browser', () => {
  let work: string;
  let served: Served;
  let browser: Browser;
  let page: Page;

  const main = () => page.getByRole('main');
  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
  const button = (name: string | RegExp) =>
    main().getByRole('button', { name, exact: typeof name === 'string' });
  const takeTitle = () => main().getByRole('heading', { level: 2, name: /^Take \d+ of \d+$/ });
  const session = async (id: number) => served.rpc<RecordingSessionDetail>('record.get', { id });

  /** Space starts, a while of the fake microphone, Space stops; waits until the take is checked (kept or refused). */
  async function recordTake(seconds: number): Promise<void> {
    await page.keyboard.press('Space');
    await main()
      .getByText(/^Recording \d+\.\d s$/)
      .waitFor();
    await page.waitForTimeout(seconds * 1000);
    await page.keyboard.press('Space');
    await expect.poll(() => button(/Retake$/).isEnabled(), { timeout: 30_000 }).toBe(true);
  }

  beforeAll(async () => {
    work = tempDir('record');
    // an existing corpus beside the new speaker
    const data = emodbSubset(path.join(work, 'emodb-subset'), ['03']);
    served = await startServe(path.join(work, 'project'));
    await served.rpc('import.start', { source: data.dir });
    for (let t = 0; (await served.rpc<ClipPage>('clips.list', { limit: 1 })).total < data.files.length; t++) {
      if (t > 600) throw new Error('the import did not finish in a minute');
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await openBrowser({
      extraArgs: [`--use-file-for-fake-audio-capture=${path.join(EMODB, MIC_FILE)}`],
    });
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('records three prompted takes from the keyboard, refusing a silent one, and retakes one', async () => {
    await page.goto(served.url);
    await nav('Record').click();
    await main().getByRole('combobox', { name: 'Speaker' }).fill(SPEAKER);
    await main().getByRole('textbox', { name: 'Prompts, one per line' }).fill(PROMPTS.join('\n'));
    await main().getByRole('checkbox', { name: 'neutral' }).uncheck();
    await expect.poll(() => main().getByText('6 takes: every prompt').isVisible()).toBe(true);
    await button('Start session').click();

    await expect.poll(() => takeTitle().textContent()).toBe('Take 1 of 6');
    await expect.poll(() => main().getByLabel('Prompt').textContent()).toBe(PROMPTS[0]);
    await expect.poll(() => main().getByText('Act:').textContent()).toContain('happy');
    const { id } = (await served.rpc<RecordingSessionDetail[]>('record.sessions'))[0];

    // a muted microphone (its track disabled: Chromium sends zeros) gives a silent take: refused with the reason
    await page.evaluate(() => {
      const devices = navigator.mediaDevices;
      const original = devices.getUserMedia.bind(devices);
      devices.getUserMedia = async (constraints) => {
        devices.getUserMedia = original;
        const stream = await original(constraints);
        for (const track of stream.getAudioTracks()) track.enabled = false;
        return stream;
      };
    });
    await recordTake(1);
    const refusal = main().getByRole('alert').filter({ hasText: 'Take refused.' });
    await refusal.waitFor({ timeout: 30_000 });
    expect(await refusal.textContent()).toMatch(/The take is silent: the microphone sent nothing but zeros/);
    expect(await button(/Keep$/).isDisabled()).toBe(true);

    // take 1: the level meter moves with the voice, P plays it back, Enter keeps it
    await page.keyboard.press('Space');
    await main()
      .getByText(/^Recording/)
      .waitFor();
    const meter = main().getByRole('meter', { name: 'Input level' });
    await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow'))).toBeGreaterThan(-30);
    await page.waitForTimeout(1800);
    await page.keyboard.press('Space');
    await expect.poll(() => button(/Keep$/).isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('p');
    await expect
      .poll(() => page.evaluate(() => !(document.querySelector('main audio') as HTMLAudioElement).paused))
      .toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => takeTitle().textContent()).toBe('Take 2 of 6');
    await expect.poll(() => main().getByLabel('Prompt').textContent()).toBe(PROMPTS[1]);

    // take 2: R throws the first attempt away and records again at once
    await recordTake(1.2);
    await page.keyboard.press('r');
    await main()
      .getByText(/^Recording/)
      .waitFor();
    await page.waitForTimeout(2000);
    await page.keyboard.press('Space');
    await expect.poll(() => button(/Keep$/).isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => takeTitle().textContent()).toBe('Take 3 of 6');

    // take 3, photographed while recording
    await page.keyboard.press('Space');
    await main()
      .getByText(/^Recording/)
      .waitFor();
    await page.waitForTimeout(1500);
    await screenshot(page, 'record-session');
    expect(await unnamedControls(page)).toEqual([]);
    await page.keyboard.press('Space');
    await expect.poll(() => button(/Keep$/).isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => takeTitle().textContent()).toBe('Take 4 of 6');

    const three = await session(id);
    expect(three).toMatchObject({ kept: 3, position: 3, state: 'active', speaker: SPEAKER });
    expect(three.takes.map((t) => t.index)).toEqual([0, 1, 2]);
    // the first attempt at take 2 was never saved: one clip per take
    const before = (await served.rpc<ClipPage>('clips.list', { filter: { speaker: SPEAKER } })).rows;
    expect(before).toHaveLength(3);

    // retake take 2, already kept: the clip stays, its audio is the new take
    await button('← Previous take').click();
    await button('← Previous take').click();
    await expect.poll(() => takeTitle().textContent()).toBe('Take 2 of 6');
    await expect.poll(() => main().getByText('✓ kept').isVisible()).toBe(true);
    const old = await served.rpc<ClipDetail>('clips.get', { id: three.takes[1].clipId });
    await recordTake(2.6);
    await expect.poll(() => button(/Keep$/).isEnabled()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Take 2 replaced.').isVisible()).toBe(true);
    await expect.poll(() => takeTitle().textContent()).toBe('Take 4 of 6');
    const retaken = await served.rpc<ClipDetail>('clips.get', { id: three.takes[1].clipId });
    expect(retaken.sha256).not.toBe(old.sha256);
    expect(retaken.path).not.toBe(old.path);
    expect(fs.existsSync(old.path)).toBe(false);
    expect((await session(id)).kept).toBe(3);
  });

  it('pauses, and resumes where it stopped', async () => {
    await button('Pause session').click();
    const row = main().getByRole('row').filter({ hasText: SPEAKER });
    await expect.poll(() => row.textContent()).toMatch(/3 \/ 6.*paused/);
    await screenshot(page, 'record-sessions');
    await main()
      .getByRole('button', { name: new RegExp(`^Resume session \\d+ \\(${SPEAKER}\\)$`) })
      .click();
    await expect.poll(() => takeTitle().textContent()).toBe('Take 4 of 6');
    await expect.poll(() => main().getByText('Act:').textContent()).toContain('sad');
    await expect.poll(() => main().getByLabel('Prompt').textContent()).toBe(PROMPTS[0]);
  });

  it('shows the takes as clips with speaker, label and prompt', async () => {
    await nav('Clips').click();
    await main().getByRole('combobox', { name: 'Speaker filter' }).selectOption(SPEAKER);
    const grid = main().getByRole('grid', { name: 'Clips' });
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe('4');
    for (let i = 1; i <= 3; i++) {
      const text = await grid.getByRole('row').nth(i).textContent();
      expect(text).toContain(SPEAKER);
      expect(text).toContain('happy');
    }
    const rows = (await served.rpc<ClipPage>('clips.list', { filter: { speaker: SPEAKER }, sort: 'path' }))
      .rows;
    const details = await Promise.all(rows.map((r) => served.rpc<ClipDetail>('clips.get', { id: r.id })));
    expect(details.map((d) => d.prompt).sort()).toEqual([...PROMPTS].sort());
    for (const d of details) {
      expect(d).toMatchObject({
        speaker: SPEAKER,
        label: 'happy',
        sampleRate: 16000,
        channels: 1,
        format: 'wav-pcm16',
      });
      expect(d.history.map((e) => e.source)).toEqual(['recorded']);
      expect(d.path).toContain(`${path.sep}recordings${path.sep}session-`);
    }

    // Review shows the prompt among the clip's facts
    await grid.getByRole('row').nth(1).dblclick();
    await expect.poll(() => nav('Review').getAttribute('aria-current')).toBe('page');
    const info = main().getByRole('region', { name: 'Clip', exact: true });
    await expect
      .poll(() => info.textContent())
      .toMatch(new RegExp(`Prompt\\s*(${PROMPTS.map((p) => p.replace('.', '\\.')).join('|')})`));
    await expect.poll(() => main().getByText('Loading audio…').count(), { timeout: 30_000 }).toBe(0);
    await screenshot(page, 'record-take-in-review');
    expect(browser.problems).toEqual([]);
  });
});
