/**
 * Long recordings end to end, against the real `ser serve` in Chromium and the real `ser`: a 5-minute recording
 * made of EmoDB clips (speakers the model never trained on) with silences of known length imports as one segment
 * per clip, its boundaries where the clips are (tests/unit/recordings/speech-detector.test.ts does the same with
 * a room's noise in the pauses); a segment is labelled, resized, split and merged from the
 * keyboard in Review; Predict draws the recording's emotion timeline and plays a segment on click; and
 * `ser predict --timeline --json` labels each segment as `ser predict --file` labels the clip it came from.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  ClipDetail,
  ClipPage,
  RecordingDetail,
  RecordingSummary,
  RunSummary,
  TimelineResult,
} from '../../src/common/contract.js';
import { concatenateClips, readWav16k, type PlacedClip } from '../support/long-recording.js';
import { hasSharedData } from '../support/shared-data.js';
import { openBrowser, type Browser } from './support/browser.js';
import { emodbSubset } from './support/emodb-subset.js';
import { studioLocators } from './support/locators.js';
import { EMODB, REPO, tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { startServe, type Served } from './support/serve.js';

const TRAIN_SPEAKERS = ['03', '08', '09'];
const hasEmoDb = hasSharedData(
  'the long-recordings end-to-end tests (they import EmoDB files)',
  'data/emodb',
);

interface FileJson {
  file: string;
  label: string;
}

async function ser(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(REPO, 'bin', 'ser.js'), ...args],
    {
      cwd: REPO,
      maxBuffer: 1 << 26,
    },
  );
  return stdout;
}

describe.runIf(hasEmoDb)('long recordings (ser serve, ser predict --timeline)', () => {
  let work: string;
  let project: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let recordingPath: string;
  let placed: PlacedClip[];
  let recording: RecordingDetail;
  const { main, nav } = studioLocators(() => page);

  beforeAll(async () => {
    work = tempDir('long-recordings');
    project = path.join(work, 'project');
    const data = emodbSubset(path.join(work, 'emodb-subset'), TRAIN_SPEAKERS);
    // five minutes of happy, sad and neutral takes by speakers the model never hears in training, with silences
    // between them (digital silence, in whole 10 ms steps: an edited recording). Takes the shared EmoDB copy
    // zero-padded are left out: their padding is that same silence, so no one could say where such a take ends.
    const others = fs
      .readdirSync(EMODB)
      .filter((f) => /^\d\d[ab]\d\d[FTN]\w\.wav$/.test(f) && !TRAIN_SPEAKERS.includes(f.slice(0, 2)))
      .sort()
      .map((f) => path.join(EMODB, f))
      .filter((f) => readWav16k(f).at(-1) !== 0);
    const rec = concatenateClips(others.slice(0, 90), path.join(work, 'long', 'interview.wav'), {
      seed: 22,
      silence: 'digital',
    });
    expect(rec.durationS).toBeGreaterThan(300);
    recordingPath = rec.path;
    placed = rec.clips;

    served = await startServe(project);
    await served.rpc('import.start', { source: data.dir });
    await vi.waitFor(
      async () => {
        const { total } = await served.rpc<ClipPage>('clips.list', { limit: 1 });
        if (total < data.files.length)
          throw new Error(`the import holds ${total} of ${data.files.length} files`);
      },
      { timeout: 120_000, interval: 200 },
    );
    const { runId } = await served.rpc<{ runId: number }>('train.start', {
      split: 'loso',
      epochs: 2,
      size: 'small',
      jobs: 1,
    });
    await vi.waitFor(
      async () => {
        const run = (await served.rpc<RunSummary[]>('runs.list')).find((r) => r.id === runId);
        if (run?.status !== 'done') throw new Error(`run ${runId} is ${run?.status}`);
      },
      { timeout: 500_000, interval: 1000 },
    );
    await served.rpc('import.start', { source: path.dirname(recordingPath), segment: 'auto' });
    await vi.waitFor(
      async () => {
        const list = await served.rpc<RecordingSummary[]>('recordings.list');
        if (list.length === 0) throw new Error('the recording is not imported yet');
      },
      { timeout: 120_000, interval: 500 },
    );
    recording = await served.rpc<RecordingDetail>('recordings.get', { id: 1 });
    browser = await openBrowser();
    page = browser.page;
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('imports as one segment per clip, 95 % of the boundaries within 100 ms of where the clips are', () => {
    expect(recording.name).toBe('interview.wav');
    expect(recording.segmentList).toHaveLength(placed.length);
    const errors = placed.flatMap((c, i) => [
      Math.abs(recording.segmentList[i].startS - c.start),
      Math.abs(recording.segmentList[i].endS - c.end),
    ]);
    const within = errors.filter((e) => e <= 0.1).length / errors.length;
    console.log(`boundaries within 100 ms: ${(within * 100).toFixed(1)} % of ${errors.length}`);
    expect(within).toBeGreaterThanOrEqual(0.95);
  });

  it('labels, resizes, splits and merges a segment from the keyboard in Review', async () => {
    await page.goto(served.url);
    await nav('Clips').click();
    await main().getByRole('combobox', { name: 'Speaker filter' }).selectOption('recording:interview');
    const grid = main().getByRole('grid', { name: 'Clips' });
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(placed.length + 1));
    await grid.getByRole('row').nth(1).click();
    await page.keyboard.press('Enter');
    await expect.poll(() => nav('Review').getAttribute('aria-current')).toBe('page');

    const view = main().locator('.recording');
    await expect.poll(() => view.getAttribute('data-state')).toBe('ready');
    const first = recording.segmentList[0];
    const segments = async () => (await served.rpc<RecordingDetail>('recordings.get', { id: 1 })).segmentList;
    const clip = (id: number) => served.rpc<ClipDetail>('clips.get', { id });

    // 1: label it (the first label of the set)
    await page.keyboard.press('1');
    await expect.poll(async () => (await clip(first.clipId)).label).toBe('happy');
    await expect
      .poll(() => main().getByRole('region', { name: 'Current clip' }).locator('.chip').first().textContent())
      .toBe('happy');
    await expect.poll(() => view.getAttribute('data-state')).toBe('ready');

    // resize: the playhead 200 ms into the segment, [ moves its start there
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => view.getAttribute('data-playhead')).toBe((first.startS + 0.2).toFixed(3));
    await page.keyboard.press('[');
    const start = +(first.startS + 0.2).toFixed(3);
    await expect.poll(async () => (await segments())[0].startS).toBe(start);
    await expect
      .poll(() => view.getAttribute('data-segment'))
      .toBe(`${start.toFixed(3)}-${first.endS.toFixed(3)}`);

    // split half a second further on: two segments, both labelled
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => view.getAttribute('data-playhead')).toBe((start + 0.5).toFixed(3));
    await page.keyboard.press('s');
    await expect.poll(async () => (await segments()).length).toBe(placed.length + 1);
    const halves = (await segments()).slice(0, 2);
    expect(halves.map((s) => [s.startS, s.endS, s.label])).toEqual([
      [start, +(start + 0.5).toFixed(3), 'happy'],
      [+(start + 0.5).toFixed(3), first.endS, 'happy'],
    ]);
    await screenshot(page, 'review-recording-segments');

    // merge it with the next (its other half): one segment again, over both
    await expect
      .poll(() => view.getAttribute('data-segment'))
      .toBe(`${start.toFixed(3)}-${(start + 0.5).toFixed(3)}`);
    await page.keyboard.press('m');
    await expect.poll(async () => (await segments()).length).toBe(placed.length);
    expect((await segments())[0]).toMatchObject({
      clipId: first.clipId,
      startS: start,
      endS: first.endS,
      label: 'happy',
    });

    // each edit is in the label history, and undo takes the merge back
    await expect
      .poll(() => main().getByRole('list', { name: 'Label history' }).textContent())
      .toMatch(/segment edit/);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await segments()).length).toBe(placed.length + 1);
  });

  it('draws the emotion timeline on Predict and plays a segment on click', async () => {
    await nav('Predict').click();
    const panel = main().getByRole('region', { name: 'A file' });
    await panel.locator('input[type=file]').setInputFiles(recordingPath);
    const timeline = main().getByRole('region', { name: 'Emotion timeline of interview.wav' });
    await timeline.waitFor({ timeout: 120_000 }).catch(async (err: unknown) => {
      throw new Error(`no timeline; the panel says: ${await panel.textContent()}`, { cause: err });
    });
    const rows = timeline.getByRole('group', { name: /Emotion timeline/ }).getByRole('button');
    await expect.poll(() => rows.count()).toBe(placed.length);
    await expect
      .poll(() => timeline.getByTestId('timeline-voice').textContent())
      .toMatch(/From [\d.]+ s on, each utterance is scored with the voice heard before it/);
    await screenshot(page, 'predict-timeline');

    const third = rows.nth(2);
    const name = (await third.getAttribute('aria-label')) ?? '';
    const [, from, to] = /from ([\d.]+) to ([\d.]+) s/.exec(name) ?? [];
    await third.click();
    await expect.poll(() => third.getAttribute('data-playing')).toBe('true');
    const at = await timeline
      .locator('audio')
      .evaluate((m: HTMLAudioElement) => ({ paused: m.paused, t: m.currentTime }));
    expect(at.paused).toBe(false);
    expect(at.t).toBeGreaterThanOrEqual(Number(from) - 0.05);
    expect(at.t).toBeLessThanOrEqual(Number(to) + 0.05);
  }, 180_000);

  it('ser predict --timeline --json: each segment labelled as ser predict --file labels its clip', async () => {
    // every clip alone, as --file scores a file: checked against --file itself for a few, then all in one run
    const clipsDir = path.join(work, 'clips');
    fs.mkdirSync(clipsDir);
    for (const c of placed) fs.symlinkSync(c.file, path.join(clipsDir, path.basename(c.file)));
    const alone = JSON.parse(
      await ser('predict', '--dir', clipsDir, '--no-speakers', '--json', '--project', project),
    ) as FileJson[];
    const byName = new Map(alone.map((r) => [r.file, r.label]));
    for (const c of placed.slice(0, 3)) {
      const one = JSON.parse(
        await ser('predict', '--file', c.file, '--json', '--project', project),
      ) as FileJson;
      expect(one.label).toBe(byName.get(path.basename(c.file)));
    }

    const none = JSON.parse(
      await ser(
        'predict',
        '--file',
        recordingPath,
        '--timeline',
        '--voice',
        'none',
        '--json',
        '--project',
        project,
      ),
    ) as TimelineResult;
    expect(none.rows).toHaveLength(placed.length);
    expect(none.rows.map((r) => r.label)).toEqual(placed.map((c) => byName.get(path.basename(c.file))));
    expect(none.voiceFrom).toBeNull();

    // by default the voice builds up over the recording: the first segment as a new voice, then the voice
    // heard before each one, never the segment itself
    const built = JSON.parse(
      await ser('predict', '--file', recordingPath, '--timeline', '--json', '--project', project),
    ) as TimelineResult;
    expect(built.rows.map((r) => [r.start, r.end])).toEqual(none.rows.map((r) => [r.start, r.end]));
    expect(built.rows[0].voice.kind).toBe('population');
    if (built.voiceFrom !== null) {
      expect(built.voiceFrom).toBe(built.rows[1].start);
      built.rows.slice(1).forEach((r, i) => expect(r.voice).toMatchObject({ kind: 'voice', clips: i + 1 }));
    }
    const same = built.rows.filter((r, i) => r.label === none.rows[i].label).length;
    console.log(
      `with the voice built up, ${same} of ${built.rows.length} segments keep their new-voice label`,
    );
  }, 300_000);
});
