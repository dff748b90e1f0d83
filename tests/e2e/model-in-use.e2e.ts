/**
 * Which model the studio uses, and what Evaluate says about it: real `ser serve`, real short trainings,
 * driven in Debian's Chromium by role and name. A cancelled run's partial model must never be the one
 * Predict, the sidebar or /api/predict use; the user may choose another evaluated run; Evaluate shows the
 * report's warnings, colours the matrix on two scales and plays a cell's clip in place.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ProjectInfo,
  PredictionResult,
  RunDetail,
  RunSummary,
  TrainRequest,
} from '../../src/common/contract.js';
import { weakModelWarnings } from '../../src/core/report/derived-warnings.js';
import { openBrowser, type Browser } from './support/browser.js';
import { studioLocators } from './support/locators.js';
import { emodbSubset } from './support/emodb-subset.js';
import { EMODB, tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { startServe, type Served } from './support/serve.js';
import { hasSharedData } from '../support/shared-data.js';

const SPEAKERS = ['03', '08', '09'];

const hasEmoDb = hasSharedData(
  'the model-in-use end-to-end tests (they import EmoDB files)',
  'data/emodb/manifest.csv',
);

describe.runIf(hasEmoDb)('The model in use, and Evaluate (ser serve)', () => {
  let work: string;
  let data: { dir: string; files: string[] };
  let served: Served;
  let project: string;
  let browser: Browser;
  let page: Page;
  let first: number;
  let second: number;
  let cancelled: number;

  const { main, nav } = studioLocators(() => page);
  const sidebarModel = async () =>
    ((await page.getByRole('complementary').textContent()) ?? '').match(
      /model: run \d+|no evaluated model yet/,
    )?.[0];
  const runs = () => served.rpc<RunSummary[]>('runs.list');
  const statusOf = async (id: number) => (await runs()).find((r) => r.id === id)?.status;

  /** Starts a short real training (the Train button's request) and waits for it to end as `until`. */
  async function train(request: TrainRequest): Promise<number> {
    // the previous run's slot frees a moment after its status reads done
    let runId = -1;
    await expect
      .poll(
        async () => {
          try {
            ({ runId } = await served.rpc<{ runId: number }>('train.start', {
              size: 'small',
              jobs: 1,
              ...request,
            }));
            return true;
          } catch (err) {
            if (/already running/.test(String(err))) return false;
            throw err;
          }
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    await expect.poll(() => statusOf(runId), { timeout: 280_000, interval: 1000 }).toBe('done');
    return runId;
  }

  async function apiPredict(query = ''): Promise<PredictionResult> {
    const res = await fetch(`${served.base}/api/predict?name=03a02Ta.wav${query}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}` },
      body: fs.readFileSync(path.join(EMODB, '03a02Ta.wav')),
    });
    const json = (await res.json()) as { ok: boolean; result: PredictionResult; error?: string };
    expect(json.ok, json.error).toBe(true);
    return json.result;
  }

  beforeAll(async () => {
    work = tempDir('model-in-use');
    data = emodbSubset(path.join(work, 'emodb-subset'), SPEAKERS);
    project = path.join(work, 'project');
    served = await startServe(project);
    browser = await openBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('imports a small EmoDB subset and trains two short runs to the end', async () => {
    await page.goto(served.url);
    await main().getByRole('textbox', { name: 'Folder or manifest path on the server' }).fill(data.dir);
    await main().getByRole('button', { name: 'Import', exact: true }).click();
    await main().getByText('Import finished').waitFor({ timeout: 120_000 });
    await expect.poll(sidebarModel).toBe('no evaluated model yet');

    first = await train({ split: 'loso', epochs: 2 });
    // a random split: its report warns that speakers leak, which Evaluate must show too
    second = await train({ split: 'random', epochs: 2, recipe: 'cnn' });
    await expect.poll(sidebarModel, { timeout: 10_000 }).toBe(`model: run ${second}`);
  }, 600_000);

  it('cancels a third run: it is never the model in use, though it may have kept a model', async () => {
    // started from the Train form, so the screen follows it and offers Cancel
    await nav('Train').click();
    await main().getByRole('combobox', { name: 'Split' }).selectOption('loso');
    await main().getByRole('spinbutton', { name: 'Epochs' }).fill('200');
    await main().getByRole('combobox', { name: 'Model size' }).selectOption('small');
    await main().getByRole('spinbutton', { name: 'Trainings at once' }).fill('1');
    await main().getByRole('button', { name: 'Train', exact: true }).click();
    await main().getByRole('progressbar', { name: 'Training progress' }).waitFor({ timeout: 60_000 });
    cancelled = (await runs())[0].id;
    expect(cancelled).toBeGreaterThan(second);
    // let it train a few epochs, so there is a partial model to misuse
    await expect
      .poll(async () => (await served.rpc<RunDetail>('runs.get', { id: cancelled })).epochs.length, {
        timeout: 120_000,
        interval: 500,
      })
      .toBeGreaterThanOrEqual(2);
    await main().getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => statusOf(cancelled), { timeout: 120_000, interval: 500 }).toBe('cancelled');
    const kept = (await runs()).find((r) => r.id === cancelled);
    expect(kept).toMatchObject({ hasModel: true, evaluated: false });
    // the card says what Runs lists: the finished folds' scores, or that none finished
    const card = main().getByRole('region', { name: new RegExp(`^Run ${cancelled} · `) });
    await expect.poll(() => card.textContent()).toContain('Cancelled.');
    const said = (await card.textContent()) ?? '';
    if (kept!.macroF1 === null) expect(said).toContain('No fold finished, so nothing was scored');
    else expect(said).toContain(`macro F1 ${kept!.macroF1.toFixed(3)}`);
    expect(said).not.toContain('never evaluated');

    const info = await served.rpc<ProjectInfo>('project.info');
    expect(info.currentModel).toMatchObject({ runId: second, chosen: false });
    await expect.poll(sidebarModel, { timeout: 10_000 }).toBe(`model: run ${second}`);
    // /api/predict names the run it used: the newest evaluated one, not the cancelled run after it
    expect((await apiPredict()).runId).toBe(second);
    expect((await apiPredict(`&runId=${first}`)).runId).toBe(first);
  });

  it('Predict names the model it uses with its held-out macro F1, warns when it is weak, and lets the user pick another', async () => {
    await nav('Predict').click();
    const badge = main().getByRole('region', { name: /^Model in use: run/ });
    await badge.waitFor({ timeout: 20_000 });
    const secondRun = await served.rpc<RunDetail>('runs.get', { id: second });
    const heading = badge.getByRole('heading', { name: /^Model in use/ });
    await expect.poll(() => heading.textContent()).toMatch(new RegExp(`^\\s*Model in use: run ${second}\\b`));
    expect(await heading.textContent()).toContain(`macro F1 ${secondRun.metrics!.macro_f1.toFixed(3)}`);
    expect(await heading.textContent()).not.toContain(`run ${cancelled}`);
    expect(await badge.textContent()).toMatch(/cnn · trained .+ · the newest evaluated run/);
    // weak-model warnings: those the engine derives from the run's held-out scores, if any
    const expected = weakModelWarnings(secondRun.metrics!);
    const warnings = badge.getByRole('region', { name: 'Model warnings' });
    if (expected.length) expect(await warnings.getByRole('listitem').allTextContents()).toEqual(expected);
    else expect(await warnings.count()).toBe(0);

    // only evaluated runs can be picked: never the cancelled one
    const picker = badge.getByRole('combobox', { name: 'Model to predict with' });
    const options = await picker.getByRole('option').allTextContents();
    expect(options[0]).toBe(`Newest evaluated run (run ${second})`);
    expect(options.slice(1).map((o) => o.split(' · ')[0])).toEqual([`Run ${second}`, `Run ${first}`]);
    await badge.scrollIntoViewIfNeeded();
    await screenshot(page, 'predict-model-badge');

    await picker.selectOption(String(first));
    await expect.poll(() => heading.textContent()).toMatch(new RegExp(`Model in use: run ${first}\\b`));
    expect(await badge.textContent()).toContain('chosen by you');
    await expect.poll(sidebarModel).toBe(`model: run ${first}`);
    expect((await served.rpc<ProjectInfo>('project.info')).currentModel).toMatchObject({
      runId: first,
      chosen: true,
    });
    expect((await apiPredict()).runId).toBe(first);
    // a file dropped on Predict is scored by the chosen model
    await main()
      .getByRole('region', { name: 'A file', exact: true })
      .locator('input[type=file]')
      .setInputFiles(path.join(EMODB, '03a02Ta.wav'));
    const card = main().getByRole('region', { name: 'Prediction for 03a02Ta.wav' });
    await card.waitFor({ timeout: 60_000 });
    expect(await card.textContent()).toMatch(new RegExp(`run\\s+${first}\\s*Voice:`));

    await picker.selectOption('latest');
    await expect.poll(() => heading.textContent()).toMatch(new RegExp(`Model in use: run ${second}\\b`));
    expect((await apiPredict()).runId).toBe(second);
  });

  it('Evaluate shows the report’s warnings and the confusion matrix on two colour scales', async () => {
    await nav('Evaluate').click();
    const runPick = main().getByRole('combobox', { name: 'Run to evaluate' });
    await runPick.waitFor({ timeout: 20_000 });
    // the model in use is the one shown first
    expect(await runPick.inputValue()).toBe(String(second));
    const shown = main().getByRole('region', { name: 'Evaluation warnings' });
    await shown.waitFor({ timeout: 20_000 });
    const onScreen = await shown.getByRole('listitem').allTextContents();
    // one source: the report folder's metrics.json lists the same warnings (less any about its PNG's fonts)
    const report = JSON.parse(
      fs.readFileSync(path.join(project, 'reports', `run-${second}`, 'metrics.json'), 'utf8'),
    ) as { warnings: string[] };
    expect(onScreen).toEqual(report.warnings.filter((w) => !/font|PNG/i.test(w)));
    expect(onScreen.join(' ')).toMatch(/random split: the same speakers appear in training and test/i);

    const cells = main().getByRole('button', { name: / predicted as / });
    await expect.poll(() => cells.count()).toBe(9);
    const looks = await cells.evaluateAll((els) =>
      els.map((e) => ({
        name: e.getAttribute('aria-label') ?? '',
        scale: e.getAttribute('data-scale'),
        background: getComputedStyle(e).backgroundColor,
      })),
    );
    const rgb = (css: string) => (css.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    for (const cell of looks) {
      const [, t, p, n] = /^(\w+) predicted as (\w+): (\d+) clips/.exec(cell.name) ?? [];
      expect(cell.scale).toBe(t === p ? 'correct' : 'error');
      if (Number(n) === 0) continue;
      const [r, g] = rgb(cell.background);
      // correct cells are green, errors orange-red, whatever their share of the row
      if (t === p) expect(g, cell.name).toBeGreaterThan(r);
      else expect(r, cell.name).toBeGreaterThan(g);
    }
    expect(
      await main().getByRole('list', { name: 'Colour scales' }).getByRole('listitem').allTextContents(),
    ).toEqual(['Correct (diagonal)', 'Errors']);
    await main().getByRole('figure').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'evaluate-two-scale-matrix');
  });

  it('at 1366x768 a cell click puts its clips in view with focus; the fold spread and “in use” say one thing', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const runPick = main().getByRole('combobox', { name: 'Run to evaluate' });
    const subtitle = main().locator('header p').first();
    // the model in use is the one Predict uses, said of that run only
    await expect.poll(() => subtitle.textContent()).toContain('the model in use (Predict uses it)');
    await runPick.selectOption(String(first));
    await expect.poll(() => subtitle.textContent()).toContain(`Run ${first} ·`);
    expect(await subtitle.textContent()).not.toContain('in use');
    // its comparison marks the model the run itself saved, under another name
    const comparison = main().getByRole('table', { name: 'CNN beside the classic baseline' });
    await expect.poll(() => comparison.textContent()).toContain('this run’s model');
    expect(await comparison.textContent()).not.toContain('in use');
    // leave one speaker out over three speakers: three folds, their spread on screen
    const spread = main().getByLabel('Spread over folds');
    await expect.poll(() => spread.textContent()).toMatch(/Over the 3 folds/);
    expect(await spread.textContent()).toMatch(/macro F1\s+0\.\d{3} ± 0\.\d{3}/);

    const cells = main().getByRole('button', { name: / predicted as / });
    await expect.poll(() => cells.count()).toBe(9);
    const names = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const name = names.find((n) => !/: 0 clips/.test(n))!;
    const cell = main().getByRole('button', { name });
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    const [, t, p] = /^(\w+) predicted as (\w+)/.exec(name)!;
    const list = main().getByRole('region', { name: `${t} predicted as ${p}` });
    await list.getByRole('table', { name: 'Clips in the selected cell' }).waitFor();
    const inView = async () => {
      const box = await list.boundingBox();
      return box !== null && box.y >= 0 && box.y + Math.min(box.height, 200) <= 768;
    };
    await expect.poll(inView).toBe(true);
    await expect.poll(() => list.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'evaluate-cell-1366');
    await page.setViewportSize({ width: 1360, height: 860 });
  });

  it('plays a clip of a confusion-matrix cell in place', async () => {
    const cells = main().getByRole('button', { name: / predicted as / });
    const names = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const nonEmpty = names.filter((n) => !/: 0 clips/.test(n));
    await main().getByRole('button', { name: nonEmpty[0] }).click();
    const list = main().getByRole('table', { name: 'Clips in the selected cell' });
    await list.waitFor();
    const play = list.getByRole('button', { name: /^Play .+\.wav$/ }).first();
    const clip = ((await play.getAttribute('aria-label')) ?? '').replace(/^Play /, '');
    expect(data.files).toContain(clip);
    await play.click();
    await expect.poll(() => play.getAttribute('aria-pressed')).toBe('true');
    const audio = main().locator('section.cell-clips audio');
    await expect
      .poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await audio.evaluate((a: HTMLAudioElement) => decodeURIComponent(a.currentSrc))).toMatch(
      /\/api\/clips\/\d+\/audio/,
    );
    // still on Evaluate: it played in place
    expect(await main().getByRole('heading', { name: 'Evaluate', exact: true }).count()).toBe(1);
    await play.click();
    await expect.poll(() => play.getAttribute('aria-pressed')).toBe('false');
  });

  it('kept the page free of errors', () => {
    const unexpected = browser.problems.filter((p) => !/status of 4(00|01|16)/.test(p));
    expect(unexpected).toEqual([]);
  });
});
