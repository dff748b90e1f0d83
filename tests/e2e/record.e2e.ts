/**
 * Recording a session in the browser (ser serve), with Chromium's fake microphone playing a real EmoDB
 * sentence: three prompted takes for a new speaker from the keyboard, a refused take, a retake of a kept
 * one, pause and resume, then the takes as clips with their speaker, label and prompt; then two annotators
 * label the takes in a blind pass and the Agreement screen compares them, and them with the acted emotion.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  AgreementReport,
  ClipDetail,
  ClipPage,
  RecordingSessionDetail,
} from '../../src/common/contract.js';
import { cohenKappa } from '../../src/core/agreement/kappa.js';
import { unnamedControls } from './support/a11y.js';
import { openBrowser, type Browser } from './support/browser.js';
import { studioLocators } from './support/locators.js';
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
/** The default label set: keys 1, 2, 3. */
const LABELS = ['happy', 'sad', 'neutral'];
/**
 * What each annotator hears in the three kept takes (all acted happy), by prompt: Ana hears the third as sad,
 * Ben the second and the third.
 */
const HEARD: Record<string, Record<string, string>> = {
  Ana: { [PROMPTS[0]]: 'happy', [PROMPTS[1]]: 'happy', [PROMPTS[2]]: 'sad' },
  Ben: { [PROMPTS[0]]: 'happy', [PROMPTS[1]]: 'sad', [PROMPTS[2]]: 'sad' },
};

const hasEmoDb = hasSharedData(
  'the recording end-to-end test (its fake microphone plays EmoDB)',
  `data/emodb/${MIC_FILE}`,
);

describe.runIf(hasEmoDb)('recording a session in the browser', () => {
  let work: string;
  let served: Served;
  let browser: Browser;
  let page: Page;

  const { main, nav, button } = studioLocators(() => page);
  const takeTitle = () => main().getByRole('heading', { level: 2, name: /^Take \d+ of \d+$/ });
  const session = async (id: number) => served.rpc<RecordingSessionDetail>('record.get', { id });

  /**
   * Waits while recording until the screen's recording time says `seconds`: the take's length as the
   * microphone delivered it, however slowly the page or the test runs.
   */
  async function recordedFor(seconds: number): Promise<void> {
    const time = main().getByText(/^Recording \d+\.\d s$/);
    await expect
      .poll(async () => Number(/\d+\.\d/.exec((await time.textContent()) ?? '')?.[0] ?? 0))
      .toBeGreaterThanOrEqual(seconds);
  }

  /** Space starts, `seconds` of the fake microphone, Space stops; waits until the take is checked (kept or refused). */
  async function recordTake(seconds: number): Promise<void> {
    await page.keyboard.press('Space');
    await recordedFor(seconds);
    await page.keyboard.press('Space');
    await expect.poll(() => button(/Retake$/).isEnabled(), { timeout: 30_000 }).toBe(true);
  }

  beforeAll(async () => {
    work = tempDir('record');
    // an existing corpus beside the new speaker
    const data = emodbSubset(path.join(work, 'emodb-subset'), ['03']);
    served = await startServe(path.join(work, 'project'));
    await served.rpc('import.start', { source: data.dir });
    await vi.waitFor(
      async () => {
        const { total } = await served.rpc<ClipPage>('clips.list', { limit: 1 });
        if (total < data.files.length)
          throw new Error(`the import holds ${total} of ${data.files.length} files`);
      },
      { timeout: 120_000, interval: 100 },
    );
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
    await recordedFor(1.8);
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
    await recordedFor(2);
    await page.keyboard.press('Space');
    await expect.poll(() => button(/Keep$/).isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => takeTitle().textContent()).toBe('Take 3 of 6');

    // take 3, photographed while recording
    await page.keyboard.press('Space');
    await recordedFor(1.5);
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

  const sidebar = () => page.getByRole('region', { name: 'Annotator' });

  async function setAnnotator(name: string): Promise<void> {
    await sidebar()
      .getByRole('button', { name: /^(Set annotator name|Change annotator)$/ })
      .click();
    await sidebar().getByRole('textbox', { name: 'Your annotator name' }).fill(name);
    await sidebar().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => sidebar().textContent()).toContain(name);
  }

  /** The new speaker's takes `name` has not labelled yet, in the order Review shows them. */
  const notLabelledBy = async (name: string) =>
    (
      await served.rpc<ClipPage>('clips.list', {
        filter: { speaker: SPEAKER, notLabelledBy: name },
        sort: 'imported', // the blind pass's order: by clip number, since a take's name spells its emotion
      })
    ).rows;

  /** Waits until Review shows the take `left` takes before the blind queue's end, or the empty queue. */
  async function shown(left: number): Promise<void> {
    const header = main().getByRole('heading', { level: 1 }).locator('..');
    if (left > 0) await expect.poll(() => header.textContent()).toContain(`clip 1 of ${left}`);
    else
      await expect
        .poll(() => main().getByRole('heading', { name: 'Nothing matches the current filters' }).isVisible())
        .toBe(true);
  }

  /** The takes' blind pass from the keyboard: Clips' "Blind pass" on the new speaker, then Review, keys 1-3. */
  async function blindPass(name: string, shot?: string): Promise<void> {
    await nav('Clips').click();
    await main().getByRole('combobox', { name: 'Speaker filter' }).selectOption(SPEAKER);
    const blind = main().getByRole('checkbox', { name: /Blind pass/ });
    if (!(await blind.isChecked())) await blind.check();
    await expect
      .poll(() => main().getByRole('grid', { name: 'Clips' }).getAttribute('aria-rowcount'))
      .toBe('4');
    await nav('Review').click();
    for (let left = 3; left > 0; left--) {
      await shown(left);
      const next = (await notLabelledBy(name))[0];
      const { prompt } = await served.rpc<ClipDetail>('clips.get', { id: next.id });
      // the prompt stays: its words say nothing of the emotion
      await expect
        .poll(() => main().getByRole('region', { name: 'Clip', exact: true }).textContent())
        .toMatch(new RegExp(`Prompt\\s*${prompt!.replace('.', '\\.')}`));
      // A take's file name spells the emotion it was acted with (take-001-happy-…): neither the screen nor
      // its accessible names may say it.
      expect(next.name).toMatch(/^take-\d{3}-happy-/);
      expect(await main().textContent()).not.toContain(next.name);
      expect(await main().ariaSnapshot()).not.toContain(next.name);
      // Nor what anyone (or the model) said.
      const current = main().getByRole('region', { name: 'Current clip' });
      await expect.poll(() => current.textContent()).toContain(`Blind pass · ${name}`);
      expect(await main().getByRole('list', { name: 'Label history' }).count()).toBe(0);
      expect(
        await main()
          .getByText(/Acted emotion|model says/i)
          .count(),
      ).toBe(0);
      for (const l of LABELS)
        expect(
          await current
            .getByRole('group', { name: 'Set label' })
            .getByRole('button', { name: l })
            .getAttribute('aria-pressed'),
        ).toBe('false');
      if (shot && left === 2) {
        expect(await unnamedControls(page), 'unnamed controls in the blind pass').toEqual([]);
        await screenshot(page, shot);
      }
      await page.keyboard.press(String(LABELS.indexOf(HEARD[name][prompt!]) + 1));
      // the next take takes this one's place (Review gives its position once it is on screen), or, every
      // take labelled, the blind queue is empty
      await shown(left - 1);
      expect(await notLabelledBy(name)).toHaveLength(left - 1);
    }
  }

  it('annotator Ana labels the recorded takes blind from the keyboard', async () => {
    await setAnnotator('Ana');
    expect(await notLabelledBy('Ana')).toHaveLength(3);
    await blindPass('Ana');
    const report = await served.rpc<AgreementReport>('agreement.get', {});
    expect(report.annotators).toEqual([{ name: 'Ana', clips: 3 }]);
  });

  it('annotator Ben, chosen in the sidebar, labels them blind too, differing on one', async () => {
    await setAnnotator('Ben');
    expect(await notLabelledBy('Ben')).toHaveLength(3);
    await blindPass('Ben', 'record-blind-pass');
    const differ = await served.rpc<ClipPage>('clips.list', { filter: { annotatorsDisagree: true } });
    expect(differ.rows.map((r) => r.speaker)).toEqual([SPEAKER]);
  });

  it('the Agreement screen compares Ana with Ben, and both with the acted emotion', async () => {
    await nav('Agreement').click();
    // Ana h h s, Ben h s s: 2 of 3 agree, po = 2/3; pe = (2/3)(1/3) + (1/3)(2/3) = 4/9;
    // kappa = (2/3 - 4/9) / (5/9) = 0.4 ("fair", Landis and Koch's bound included)
    const ana = PROMPTS.map((p) => HEARD.Ana[p]);
    const ben = PROMPTS.map((p) => HEARD.Ben[p]);
    expect(cohenKappa(ana.map((a, i) => [a, ben[i]] as [string, string]))).toBeCloseTo(0.4, 12);
    const overall = main().getByRole('region', { name: 'Overall agreement' });
    await expect.poll(() => overall.textContent()).toMatch(/Cohen’s kappa\s*0\.400\s*fair · 3 clips/);
    // Krippendorff's alpha: coincidences hh 2, ss 2, hs 2 of 6, n_h = n_s = 3:
    // 1 - (2/6) / (2 * 3 * 3 / (6 * 5)) = 1 - (1/3) / 0.6 = 4/9
    expect(await overall.textContent()).toMatch(/Krippendorff's alpha\s*0\.444/);
    expect(await overall.textContent()).toMatch(/Observed agreement\s*0\.667/);
    // take 2 (Ana happy, Ben sad) is the one they differ on, a tie between two annotators
    expect(await overall.textContent()).toMatch(/Clips they differ on\s*1\s*1 tied/);

    const pairs = main().getByRole('table', { name: 'Pairwise agreement' });
    expect(await pairs.getByRole('row').count()).toBe(2);
    expect(await pairs.getByRole('row').nth(1).textContent()).toMatch(/Ana \/ Ben\s*3\s*0\.667\s*0\.400/);
    const matrix = main().getByRole('table', { name: 'Ana (rows) against Ben (columns)' });
    const rowsOf = async (table: typeof matrix) => {
      const out: string[][] = [];
      for (const row of await table.getByRole('row').all())
        if (await row.getByRole('rowheader').count())
          out.push([
            (await row.getByRole('rowheader').textContent()) ?? '',
            ...(await row.getByRole('cell').allTextContents()),
          ]);
      return out;
    };
    // only the labels someone gave: no neutral row or column
    expect(await rowsOf(matrix)).toEqual([
      ['happy', '1', '1'],
      ['sad', '0', '1'],
    ]);

    // Acted against perceived: every take was acted happy; 6 labels, 3 of them happy: agreement 0.5. The acted
    // side never varies, so chance agreement equals the observed one and kappa is 0. Majorities: take 1
    // happy (right), take 2 a tie, take 3 sad: 1 of 3.
    const acted = main().getByRole('region', { name: 'Acted against perceived' });
    await expect
      .poll(() => acted.getByRole('paragraph').first().textContent())
      .toMatch(
        /^\s*3 clips with an acted emotion, 6 perceived labels: agreement\s+0\.500, kappa\s+0\.000; the majority is the acted emotion on\s+0\.333 of them\.\s*$/,
      );
    const perAnnotator = acted.getByRole('table', { name: 'Acted against perceived per annotator' });
    expect(await perAnnotator.getByRole('row').nth(1).textContent()).toMatch(/^Ana\s*3\s*0\.667\s*0\.000$/);
    expect(await perAnnotator.getByRole('row').nth(2).textContent()).toMatch(/^Ben\s*3\s*0\.333\s*0\.000$/);
    expect(
      await rowsOf(acted.getByRole('table', { name: 'Acted (rows) against Perceived (columns)' })),
    ).toEqual([
      ['happy', '3', '3'],
      ['sad', '0', '0'],
    ]);
    const report = await served.rpc<AgreementReport>('agreement.get', {});
    expect(report.acted).toMatchObject({ clips: 3, ratings: 6, observed: 0.5, kappa: 0 });

    expect(await unnamedControls(page), 'unnamed controls on Agreement').toEqual([]);
    await screenshot(page, 'record-agreement');
    expect(browser.problems).toEqual([]);
  });
});
