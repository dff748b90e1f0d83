/**
 * Predict adapts to a voice the way evaluation measured it: real `ser serve`, a real short training, Chromium's
 * fake microphone playing an EmoDB speaker. Live scoring starts as a voice never heard ("population") and moves
 * to "this voice" as the microphone is heard, saying so on every score; a project speaker's statistics are used
 * when that speaker is chosen, in the page and through /api/predict.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClipPage, PredictionResult, RunSummary } from '../../src/common/contract.js';
import { hasSharedData } from '../support/shared-data.js';
import { openBrowser, type Browser } from './support/browser.js';
import { emodbSubset } from './support/emodb-subset.js';
import { studioLocators } from './support/locators.js';
import { EMODB, tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { startServe, type Served } from './support/serve.js';

const SPEAKERS = ['03', '08', '09'];
/** What the fake microphone plays, over and over: a speaker the model never trained on. */
const MIC_FILE = '11a02Fb.wav';

const hasEmoDb = hasSharedData(
  'the Predict voice end-to-end tests (they import EmoDB files)',
  `data/emodb/${MIC_FILE}`,
);

describe.runIf(hasEmoDb)('Predict and the voice it knows (ser serve)', () => {
  let work: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let runId: number;
  const { main, nav } = studioLocators(() => page);

  beforeAll(async () => {
    work = tempDir('predict-voice');
    const data = emodbSubset(path.join(work, 'emodb-subset'), SPEAKERS);
    served = await startServe(path.join(work, 'project'));
    await served.rpc('import.start', { source: data.dir });
    await vi.waitFor(
      async () => {
        const { total } = await served.rpc<ClipPage>('clips.list', { limit: 1 });
        if (total < data.files.length)
          throw new Error(`the import holds ${total} of ${data.files.length} files`);
      },
      { timeout: 120_000, interval: 200 },
    );
    ({ runId } = await served.rpc<{ runId: number }>('train.start', {
      split: 'loso',
      epochs: 2,
      size: 'small',
      jobs: 1,
    }));
    await vi.waitFor(
      async () => {
        const run = (await served.rpc<RunSummary[]>('runs.list')).find((r) => r.id === runId);
        if (run?.status !== 'done') throw new Error(`run ${runId} is ${run?.status}`);
      },
      { timeout: 400_000, interval: 1000 },
    );
    browser = await openBrowser({
      extraArgs: [`--use-file-for-fake-audio-capture=${path.join(EMODB, MIC_FILE)}`],
    });
    page = browser.page;
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('live scoring moves from a new voice to this voice as it hears the microphone, and says so', async () => {
    await page.goto(served.url);
    await nav('Predict').click();
    const state = main().getByTestId('voice-state');
    await expect.poll(() => state.textContent()).toMatch(/No voice heard yet: the population's statistics/);
    const badge = main().getByTestId('badge-score');
    await expect.poll(() => badge.textContent()).toMatch(/for new voice/);

    await main().getByRole('button', { name: 'Start live mode' }).click();
    const used = main().getByTestId('live-voice');
    // the first score comes before anything of the voice was heard
    await expect.poll(() => used.textContent(), { timeout: 30_000 }).toMatch(/Voice: population/);
    // then the microphone's speech becomes the voice, and the scores say they used it
    await expect
      .poll(() => used.textContent(), { timeout: 60_000 })
      .toMatch(/Voice: this voice, \d+ s of speech/);
    await expect.poll(() => state.textContent()).toMatch(/This voice: \d+ s of speech in \d+ clips?/);
    await expect.poll(() => badge.textContent()).toMatch(/for a voice known from \d+ clips?/);
    await main().getByRole('button', { name: 'Stop live mode' }).click();
    await main().getByRole('region', { name: 'Voice', exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'predict-voice');

    // Reset forgets it: back to a voice never heard
    await main().getByRole('button', { name: 'Reset the voice' }).click();
    await expect.poll(() => state.textContent()).toMatch(/No voice heard yet/);
  }, 120_000);

  it("a project speaker's clips give the statistics, on Predict and through /api/predict", async () => {
    await main().getByRole('combobox', { name: 'Whose voice' }).selectOption('speaker:03');
    await expect
      .poll(() => main().getByTestId('voice-state').textContent())
      .toMatch(/speaker 03's statistics/);
    await main()
      .getByRole('region', { name: 'A file', exact: true })
      .locator('input[type=file]')
      .setInputFiles(path.join(EMODB, '03a02Ta.wav'));
    const card = main().getByRole('region', { name: 'Prediction for 03a02Ta.wav' });
    await card.waitFor({ timeout: 60_000 });
    await expect.poll(() => card.getByTestId('prediction-voice').textContent()).toMatch(/Voice: speaker 03/);
    expect(await card.getByTestId('prediction-voice').textContent()).toMatch(/for known voice/);

    const post = async (query: string): Promise<PredictionResult> => {
      const res = await fetch(`${served.base}/api/predict?name=03a02Ta.wav${query}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${served.token}` },
        body: fs.readFileSync(path.join(EMODB, '03a02Ta.wav')),
      });
      const json = (await res.json()) as { ok: boolean; result: PredictionResult; error?: string };
      expect(json.ok, json.error).toBe(true);
      return json.result;
    };
    const { total } = await served.rpc<ClipPage>('clips.list', { limit: 1, filter: { speaker: '03' } });
    const known = await post('&speaker=03');
    expect(known.voice).toMatchObject({ kind: 'speaker', speaker: '03', clips: total, text: 'speaker 03' });
    const fresh = await post('');
    expect(fresh.voice).toMatchObject({ kind: 'population', clips: 0 });
    expect(known.probs).not.toEqual(fresh.probs);
  }, 120_000);
});
