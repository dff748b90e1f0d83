/**
 * The studio in a browser, end to end: the real `ser serve` over a temporary project, driven in Debian's
 * Chromium like a person would (roles and names, the keyboard), checked through the UI and the API.
 * The steps share one server and one page and run in order; each leaves the app where the next starts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipDetail, ClipPage, RunDetail, RunSummary } from '../../src/common/contract.js';
import { unnamedControls } from './support/a11y.js';
import { openBrowser, type Browser } from './support/browser.js';
import { studioLocators } from './support/locators.js';
import { drawnPixels } from './support/canvas.js';
import { emodbSubset } from './support/emodb-subset.js';
import { EMODB, REPO, tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { startServe, type Served } from './support/serve.js';
import { hasSharedData } from '../support/shared-data.js';

const SPEAKERS = ['03', '08', '09', '10'];

const hasEmoDb = hasSharedData(
  'the studio end-to-end tests (they import EmoDB files)',
  'data/emodb/manifest.csv',
);

describe.runIf(hasEmoDb)('Emotion Studio in the browser (ser serve)', () => {
  let work: string;
  let data: { dir: string; files: string[] };
  let served: Served;
  let project: string;
  let browser: Browser;
  let page: Page;

  const { main, nav, button } = studioLocators(() => page);

  beforeAll(async () => {
    work = tempDir('studio');
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

  it('refuses the API without the token, in the page and over HTTP', async () => {
    const res = await fetch(`${served.base}/api/rpc/project.info`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    const stranger = await browser.context.newPage();
    await stranger.goto(served.base);
    await expect.poll(() => stranger.getByRole('alert').first().textContent()).toMatch(/token/i);
    await stranger.close();
  });

  it('opens on an empty project and imports a folder of EmoDB files', async () => {
    await page.goto(served.url);
    await expect
      .poll(() => main().getByRole('heading', { name: 'No recordings yet' }).isVisible())
      .toBe(true);
    // the token left the address bar once read
    expect(page.url()).not.toContain('token=');

    await main().getByRole('textbox', { name: 'Folder or manifest path on the server' }).fill(data.dir);
    await button('Import').click();
    await main().getByText('Import finished').waitFor({ timeout: 120_000 });
    await expect.poll(() => main().getByText(`${data.files.length} clips added`).isVisible()).toBe(true);

    const grid = main().getByRole('grid', { name: 'Clips' });
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(data.files.length + 1));
    const firstRow = grid.getByRole('row').nth(1);
    await expect.poll(() => firstRow.textContent()).toContain(data.files[0]);

    const page1 = await served.rpc<ClipPage>('clips.list', { limit: 1000 });
    expect(page1.total).toBe(data.files.length);
    expect(new Set(page1.rows.map((r) => r.speaker))).toEqual(new Set(SPEAKERS));
    await screenshot(page, 'clips-imported');
  });

  it('filters, sorts and multi-selects in the clip table', async () => {
    const grid = main().getByRole('grid', { name: 'Clips' });
    await main().getByRole('combobox', { name: 'Speaker filter' }).selectOption('08');
    const n08 = data.files.filter((f) => f.startsWith('08')).length;
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(n08 + 1));

    await grid.getByRole('row').nth(1).click();
    await grid
      .getByRole('row')
      .nth(3)
      .click({ modifiers: ['Shift'] });
    await expect
      .poll(() => main().getByRole('toolbar', { name: 'Selection' }).textContent())
      .toContain('3 selected');
    // a bulk relabel from the keyboard is one step, and one Ctrl+Z undoes it
    const before = await served.rpc<ClipPage>('clips.list', { filter: { speaker: '08' }, limit: 3 });
    await page.keyboard.press('3');
    // a digit on several clips asks first, saying how many: a key typed by mistake changes nothing
    const confirm = main().getByRole('alertdialog', { name: 'Relabel the selection?' });
    await expect.poll(() => confirm.textContent()).toMatch(/Label\s*3 clips\s*neutral\?/);
    expect(
      (await served.rpc<ClipPage>('clips.list', { filter: { speaker: '08' }, limit: 3 })).rows.map(
        (r) => r.label,
      ),
    ).toEqual(before.rows.map((r) => r.label));
    await confirm.getByRole('button', { name: 'Label them' }).click();
    await expect
      .poll(async () =>
        (await served.rpc<ClipPage>('clips.list', { filter: { speaker: '08' }, limit: 3 })).rows.map(
          (r) => r.label,
        ),
      )
      .toEqual(['neutral', 'neutral', 'neutral']);
    await expect.poll(() => grid.getByRole('row').nth(1).textContent()).toContain('neutral');
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () =>
        (await served.rpc<ClipPage>('clips.list', { filter: { speaker: '08' }, limit: 3 })).rows.map(
          (r) => r.label,
        ),
      )
      .toEqual(before.rows.map((r) => r.label));
    await page.keyboard.press('Control+a');
    await expect
      .poll(() => main().getByRole('toolbar', { name: 'Selection' }).textContent())
      .toContain(`${n08} selected`);
    // a selection belongs to the list it was made in: another filter empties it, so "all" never grows to
    // the new list and a bulk relabel never reaches rows out of view
    const n09 = data.files.filter((f) => f.startsWith('09')).length;
    await main().getByRole('combobox', { name: 'Speaker filter' }).selectOption('09');
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(n09 + 1));
    expect(await main().getByRole('toolbar', { name: 'Selection' }).textContent()).not.toContain('selected');
    await grid.getByRole('row').nth(1).click();
    await expect
      .poll(() => main().getByRole('toolbar', { name: 'Selection' }).textContent())
      .toContain('1 selected');
    await main().getByRole('combobox', { name: 'Speaker filter' }).selectOption('08');
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(n08 + 1));
    expect(await main().getByRole('toolbar', { name: 'Selection' }).textContent()).not.toContain('selected');
    await page.keyboard.press('Escape');

    await grid.getByRole('columnheader', { name: 'Label' }).getByRole('button').click();
    await expect
      .poll(() => grid.getByRole('columnheader', { name: 'Label' }).getAttribute('aria-sort'))
      .toBe('ascending');
    await main().getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(data.files.length + 1));
  });

  it('reviews a clip: waveform and mel spectrogram drawn, relabel with a key, undo with Ctrl+Z', async () => {
    const grid = main().getByRole('grid', { name: 'Clips' });
    await grid.getByRole('columnheader', { name: 'File' }).getByRole('button').click();
    await grid.getByRole('row').nth(1).click();
    await page.keyboard.press('Enter');
    await expect.poll(() => nav('Review').getAttribute('aria-current')).toBe('page');

    const audio = main().locator('[data-state]').first();
    await expect.poll(() => audio.getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    const wave = main().getByRole('img', { name: /^Waveform of / });
    const spec = main().getByRole('img', { name: /^Mel spectrogram of / });
    await expect.poll(() => drawnPixels(wave)).toBeGreaterThan(2000);
    await expect.poll(() => drawnPixels(spec)).toBeGreaterThan(20_000);

    const name = data.files[0];
    const list = await served.rpc<ClipPage>('clips.list', { filter: { search: name } });
    const id = list.rows[0].id;
    const before = (await served.rpc<ClipDetail>('clips.get', { id })).label;
    expect(before).toBe('happy'); // 03a01Fa: F = happy
    const labelGroup = main().getByRole('group', { name: 'Set label' });
    await expect
      .poll(() => labelGroup.getByRole('button', { name: 'happy' }).getAttribute('aria-pressed'))
      .toBe('true');

    await page.keyboard.press('2'); // the second label of the set: sad
    await expect
      .poll(() => labelGroup.getByRole('button', { name: 'sad' }).getAttribute('aria-pressed'))
      .toBe('true');
    await expect.poll(async () => (await served.rpc<ClipDetail>('clips.get', { id })).label).toBe('sad');
    await expect
      .poll(() => main().getByRole('list', { name: 'Label history' }).textContent())
      .toContain('happy → sad');
    await screenshot(page, 'review-relabelled');

    await page.keyboard.press('Control+z');
    await expect
      .poll(() => labelGroup.getByRole('button', { name: 'happy' }).getAttribute('aria-pressed'))
      .toBe('true');
    const after = await served.rpc<ClipDetail>('clips.get', { id });
    expect(after.label).toBe('happy');
    expect(after.history.at(-1)?.source).toBe('undo');

    // Space plays and pauses
    await page.keyboard.press('Space');
    await expect.poll(() => button(`Pause ${name}`).isVisible()).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => button(`Play ${name}`).isVisible()).toBe(true);

    // → moves to the next clip, ← back
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() =>
        main()
          .getByText(/clip 2 of/)
          .isVisible(),
      )
      .toBe(true);
    await page.keyboard.press('k');
    await expect
      .poll(() =>
        main()
          .getByText(/clip 1 of/)
          .isVisible(),
      )
      .toBe(true);
  });

  it('trains a small model with live progress, then shows its confusion matrix', async () => {
    await nav('Train').click();
    // leave-one-speaker-out: every clip gets a held-out prediction (4 folds, then the final model)
    const foldValidation = main().getByRole('checkbox', { name: /Early stopping in each fold/ });
    await main().getByRole('combobox', { name: 'Split' }).selectOption('speaker');
    expect(await foldValidation.count()).toBe(0);
    await main().getByRole('combobox', { name: 'Split' }).selectOption('loso');
    // Offered for loso, off by default: every fold learns from all its speakers.
    expect(await foldValidation.isChecked()).toBe(false);
    await main().getByRole('spinbutton', { name: 'Epochs' }).fill('8');
    await main().getByRole('combobox', { name: 'Model size' }).selectOption('small');
    await main().getByRole('spinbutton', { name: 'Statistics branch rate' }).fill('8');
    // empty shows the machine's default (the cores less one); two folds train side by side here
    const jobs = main().getByRole('spinbutton', { name: 'Trainings at once' });
    const info = await served.rpc<{ defaultJobs: number }>('project.info');
    expect(await jobs.getAttribute('placeholder')).toBe(`${info.defaultJobs} (default)`);
    await jobs.fill('2');
    // Before Train: what the run will do and about how long, following the form.
    const estimate = main().getByRole('status', { name: 'Time estimate' });
    const estimateText = async () => ((await estimate.textContent()) ?? '').replace(/\s+/g, ' ');
    await expect
      .poll(estimateText, { timeout: 10_000 })
      .toMatch(
        /At most about .+: 5 trainings, [\d,]+ clip-epochs at \d+ clips\/s per network, 2 side by side/,
      );
    expect(await estimateText()).toMatch(/no training has run in this project yet/);
    await main().getByRole('combobox', { name: 'Recipe' }).selectOption('auto');
    await expect
      .poll(estimateText, { timeout: 10_000 })
      .toMatch(/and 12 inner trainings to choose the recipe/);
    await estimate.scrollIntoViewIfNeeded();
    await screenshot(page, 'train-estimate');
    await main().getByRole('combobox', { name: 'Recipe' }).selectOption('');
    await button('Train').click();

    const bar = main().getByRole('progressbar', { name: 'Training progress' });
    await bar.waitFor({ timeout: 60_000 });
    // progress advances: the bar's value or the status line (epoch and batch, or the pool) changes while it
    // runs, and the status line shows the pool: which folds train at once, how many are done and waiting
    const progress = async (): Promise<string> => {
      const value = (await bar.getAttribute('aria-valuenow').catch(() => null)) ?? '';
      const status =
        (await main()
          .getByText(/epoch \d+ of \d+|at once/)
          .first()
          .textContent()
          .catch(() => null)) ?? '';
      return `${value}|${status}`;
    };
    const pool = main().getByText(/folds? [\d, ]+(and the final model )?of 4 at once · \d done · \d waiting/);
    await expect.poll(() => pool.first().isVisible(), { timeout: 240_000 }).toBe(true);
    await expect.poll(progress, { timeout: 240_000 }).not.toBe('|');
    const first = await progress();
    await expect.poll(progress, { timeout: 240_000 }).not.toBe(first);
    await main()
      .getByRole('img', { name: /^Loss chart/ })
      .waitFor({ timeout: 240_000 });
    await screenshot(page, 'train');

    await main().getByText('Finished.').waitFor({ timeout: 600_000 });
    // the last epoch's numbers stay on screen once it is over, named as the CNN's training numbers (the run's
    // own scores are the result's, above them)
    for (const stat of ['CNN training loss', 'CNN training accuracy', 'CNN clips/s', 'Learning rate']) {
      expect(await main().locator(`dt:text-is("${stat}") + dd`).textContent(), stat).toMatch(/\d/);
    }
    const runs = await served.rpc<RunSummary[]>('runs.list');
    expect(runs[0].status).toBe('done');
    expect(runs[0].hasModel).toBe(true);
    await expect.poll(() => main().getByRole('table', { name: 'Runs' }).textContent()).toContain('done');

    await button('See the evaluation').click();
    const cells = main().getByRole('button', { name: / predicted as / });
    await expect.poll(() => cells.count()).toBe(9);
    const total = (await cells.allTextContents()).map((t) => parseInt(t, 10)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    await expect
      .poll(() => main().getByRole('table', { name: 'Per-class scores' }).textContent())
      .toContain('neutral');
    // the CNN and the classic baseline side by side, on the same held-out clips, with the run's own score
    const compared = main().getByRole('table', { name: 'CNN beside the classic baseline' });
    await expect.poll(() => compared.getByRole('row').count()).toBe(4);
    const detail = await served.rpc<RunDetail>('runs.get', { id: runs[0].id });
    const rows = await compared.getByRole('row').allTextContents();
    expect(rows[1]).toMatch(/^CNN/);
    // the model this run saved; "in use" is kept for the model Predict uses
    expect(rows[2]).toMatch(/^Classic baseline/);
    expect(rows[2]).not.toContain('this run’s model');
    expect(rows[3]).toMatch(/^Fusion \(CNN \+ classic\)\s*· this run’s model/);
    expect(rows[3]).toContain(detail.metrics!.macro_f1.toFixed(3));
    // The matrix on screen counts every clip the run evaluated: with loso, each clip once, held out.
    expect(total).toBe(detail.metrics!.clips);
    expect(detail.metrics!.clips).toBe(data.files.length);
    expect(detail.metrics!.confusion.flat().reduce((a, b) => a + b, 0)).toBe(total);

    // a cell lists its clips, which open in Review: a confusion (off the diagonal) if the model made one
    const labels = await cells.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const parsed = labels
      .map((l) => /^(\w+) predicted as (\w+): (\d+) clips/.exec(l))
      .filter((m) => m !== null);
    const pick =
      parsed.find((m) => m[1] !== m[2] && Number(m[3]) > 0) ?? parsed.find((m) => Number(m[3]) > 0);
    await main().getByRole('button', { name: pick![0] }).click();
    const review = main().getByRole('button', { name: `Review these ${pick![3]} clips` });
    await review.waitFor();
    await expect
      .poll(() => main().getByRole('table', { name: 'Clips in the selected cell' }).getByRole('row').count())
      .toBe(Number(pick![3]) + 1);
    await screenshot(page, 'evaluate');
  });

  it('exports the report as a zip with its files', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), button('Export report').click()]);
    const zipPath = await download.path();
    const files = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
    const byName = new Map(Object.entries(files).map(([name, bytes]) => [path.posix.basename(name), bytes]));
    for (const f of [
      'report.html',
      'confusion_matrix.svg',
      'confusion_matrix.png',
      'metrics.json',
      'predictions.csv',
    ]) {
      expect(byName.has(f), `${f} in the zip (has ${[...byName.keys()].join(', ')})`).toBe(true);
    }
    const metrics = JSON.parse(strFromU8(byName.get('metrics.json')!)) as {
      accuracy: number;
      clips: number;
      confusion: number[][];
      labels: string[];
      config: { statsRateScale: number; epochs: number };
    };
    expect(metrics.labels).toEqual(['happy', 'sad', 'neutral']);
    // The scores are those of the predictions beside them: every clip once, the right ones counted.
    const [header, ...lines] = strFromU8(byName.get('predictions.csv')!).trim().split(/\r?\n/);
    const [li, pi] = [header.split(',').indexOf('label'), header.split(',').indexOf('predicted')];
    const predictions = lines.map((l) => l.split(','));
    expect(predictions).toHaveLength(data.files.length);
    expect(metrics.clips).toBe(predictions.length);
    expect(metrics.confusion.flat().reduce((a, b) => a + b, 0)).toBe(predictions.length);
    const right = predictions.filter((p) => p[li] === p[pi]).length;
    expect(metrics.accuracy).toBeCloseTo(right / predictions.length, 9);
    expect(metrics.confusion.reduce((n, row, i) => n + row[i], 0)).toBe(right);
    // Chance is about 1/3; this short run on four EmoDB speakers gets most clips right.
    expect(metrics.accuracy).toBeGreaterThan(0.6);
    // the run was trained with what the form said
    expect(metrics.config.epochs).toBe(8);
    expect(metrics.config.statsRateScale).toBe(8);
    expect(strFromU8(byName.get('report.html')!)).toContain('<svg');
    expect(strFromU8(byName.get('predictions.csv')!).split('\n')[0]).toMatch(
      /^file,speaker,label,predicted,confidence/,
    );
    expect([...byName.get('confusion_matrix.png')!.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
  });

  it('reviews the clips of a confusion-matrix cell', async () => {
    await button(/^Review these \d+ clips$/).click();
    await expect.poll(() => nav('Review').getAttribute('aria-current')).toBe('page');
    await expect
      .poll(() => main().locator('[data-state]').first().getAttribute('data-state'), { timeout: 20_000 })
      .toBe('ready');
    await expect
      .poll(() =>
        main()
          .getByText(/^Model says/)
          .isVisible(),
      )
      .toBe(true);
    // the augmentation previews play (the server renders each as a WAV)
    const previews = main().getByRole('group', { name: 'Play the clip augmented' });
    for (const kind of ['Pitch shifted', 'Time stretched', 'With noise']) {
      await previews.getByRole('button', { name: kind, exact: true }).click();
      await expect
        .poll(() => previews.getByRole('button', { name: kind }).getAttribute('aria-pressed'))
        .toBe('true');
    }
    await previews.getByRole('button', { name: 'With noise' }).click();
    expect(await main().getByRole('alert').count()).toBe(0);
    await screenshot(page, 'review');
    await button('Show all clips').click();
    // the review queue: the model's disagreements and doubts first
    await button('Review queue').click();
    await expect.poll(() => button('Review queue').getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(() =>
        main()
          .getByText(/in the review queue$/)
          .isVisible(),
      )
      .toBe(true);
    await button('Review queue').click();
    await expect
      .poll(() =>
        main()
          .getByText(new RegExp(`of ${data.files.length}`))
          .isVisible(),
      )
      .toBe(true);
  });

  it('predicts a dropped file, a recording and the live microphone', async () => {
    await nav('Predict').click();
    const file = path.join(EMODB, '03a02Ta.wav');
    await main()
      .getByRole('region', { name: 'A file', exact: true })
      .locator('input[type=file]')
      .setInputFiles(file);
    const result = main().getByRole('region', { name: 'Prediction for 03a02Ta.wav' });
    await result.waitFor({ timeout: 60_000 });
    expect(['happy', 'sad', 'neutral']).toContain(
      (await result.getByTestId('predicted-label').textContent())?.trim().toLowerCase(),
    );
    await expect
      .poll(() => result.getByRole('list', { name: 'Probabilities' }).getByRole('listitem').count())
      .toBe(3);

    // the microphone paths run the model in the page, with the engine's own prediction code
    await expect
      .poll(
        () =>
          main()
            .getByText(/^Scored in this page/)
            .isVisible(),
        { timeout: 60_000 },
      )
      .toBe(true);
    // Chromium's fake microphone plays a beep
    await button('Record from microphone').click();
    // a second and a half of it, by the recording time the screen shows
    const recorded = main().getByText(/^Recording \d+\.\d s$/);
    await expect
      .poll(async () => Number(/\d+\.\d/.exec((await recorded.textContent()) ?? '')?.[0] ?? 0))
      .toBeGreaterThanOrEqual(1.5);
    await button('Stop and predict').click();
    await main().getByRole('region', { name: 'Prediction for microphone' }).waitFor({ timeout: 60_000 });

    await button('Start live mode').click();
    await expect
      .poll(() => main().getByRole('list', { name: 'Recent windows' }).getByRole('listitem').count(), {
        timeout: 30_000,
      })
      .toBeGreaterThan(1);
    await screenshot(page, 'predict');
    await button('Stop live mode').click();
  });

  it('uploads files picked in the browser and imports them', async () => {
    await nav('Clips').click();
    await button('Import…').click();
    const picked = fs
      .readdirSync(EMODB)
      .filter((f) => f.startsWith('11') && f[5] === 'F')
      .slice(0, 2);
    await main()
      .locator('input[type=file]')
      .first()
      .setInputFiles(picked.map((f) => path.join(EMODB, f)));
    await main().getByText('Import finished').waitFor({ timeout: 60_000 });
    await expect.poll(() => main().getByText('2 clips added').isVisible()).toBe(true);
    const list = await served.rpc<ClipPage>('clips.list', { filter: { speaker: '11' } });
    expect(list.rows.map((r) => r.name).sort()).toEqual(picked.sort());
    // the table with the model's predictions (every clip has one after a leave-one-speaker-out run)
    await button('Dismiss').click();
    await main().getByRole('checkbox', { name: 'Model disagrees' }).check();
    const grid = main().getByRole('grid', { name: 'Clips' });
    const disagreeing = await served.rpc<ClipPage>('clips.list', { filter: { disagrees: true } });
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(disagreeing.total + 1));
    await main().getByRole('checkbox', { name: 'Model disagrees' }).uncheck();
    await screenshot(page, 'clips');
  });

  it('lists the files an import rejected, with their reasons', async () => {
    const bad = path.join(work, 'bad-files');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'notes.wav'), 'these are my notes, not audio\n');
    fs.writeFileSync(path.join(bad, 'empty.wav'), '');
    fs.symlinkSync(path.join(EMODB, '12a01Fb.wav'), path.join(bad, '12a01Fb.wav'));
    await main().getByRole('textbox', { name: 'Folder or manifest path on the server' }).fill(bad);
    await button('Import').click();
    await main().getByText('Import finished').waitFor({ timeout: 60_000 });
    await expect.poll(() => main().getByText('1 clip added').isVisible()).toBe(true);
    const rejected = main().getByRole('table', { name: 'Rejected files' });
    await expect.poll(() => rejected.getByRole('row').count()).toBe(3);
    const text = (await rejected.textContent()) ?? '';
    expect(text).toContain('notes.wav');
    expect(text).toContain('empty.wav');
    // the table lists the clips in play (the label set, no rejected file) until a filter says otherwise
    const all = await served.rpc<ClipPage>('clips.list', {
      filter: { inLabelSet: true, status: 'ok' },
      limit: 1,
    });
    const grid = main().getByRole('grid', { name: 'Clips' });
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(all.total + 1));
    await screenshot(page, 'clips-rejected');
    // rejected files stay listed in the table under their own filter
    await button('Dismiss').click();
    await main().getByRole('checkbox', { name: 'Rejected' }).check();
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe('3');
    // opened in Review, a rejected file says it can't be played instead of loading for ever; one that is not
    // audio is never even asked for (the server would refuse its bytes)
    await grid.getByRole('row').nth(1).click();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await main().textContent()) ?? '', { timeout: 10_000 })
      .toMatch(/No audio to play|Could not load the audio/);
    expect(await main().getByText('Loading audio…').count()).toBe(0);
    // and shows no measurements it never had (no "0 kHz", no "−∞ dBFS")
    expect(await main().getByText('not readable (rejected)').count()).toBe(1);
    expect(await main().getByText(/dBFS/).count()).toBe(0);
    // back on Clips, the filter still in force shows as such, and unticking it lists the clips again
    await nav('Clips').click();
    expect(await main().getByRole('checkbox', { name: 'Rejected' }).isChecked()).toBe(true);
    await main().getByRole('checkbox', { name: 'Rejected' }).uncheck();
    await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(all.total + 1));
    await grid.getByRole('row').nth(1).click();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => main().locator('[data-state]').first().getAttribute('data-state'), { timeout: 20_000 })
      .toBe('ready');
  });

  it('names every control on every screen, and switches screens from the keyboard', async () => {
    const screens = ['Clips', 'Review', 'Train', 'Evaluate', 'Predict'];
    for (const [i, name] of screens.entries()) {
      await page.keyboard.press(`Alt+${i + 1}`);
      await expect.poll(() => nav(name).getAttribute('aria-current')).toBe('page');
      await expect.poll(() => main().getAttribute('aria-label')).toBe(name);
      expect(await unnamedControls(page), `unnamed controls on ${name}`).toEqual([]);
    }
  });

  it('follows what `ser` commands change in the project while it is open', async () => {
    const ser = (...args: string[]): void => {
      const r = spawnSync(
        process.execPath,
        [path.join(REPO, 'bin', 'ser.js'), ...args, '--project', project],
        {
          encoding: 'utf8',
        },
      );
      expect(r.status, r.stderr).toBe(0);
    };
    await nav('Review').click();
    const labelGroup = main().getByRole('group', { name: 'Set label' });
    await labelGroup.waitFor();
    ser('labels', '--set', 'happy,sad,neutral,angry');
    await expect
      .poll(() => labelGroup.getByRole('button', { name: 'angry' }).textContent(), { timeout: 10_000 })
      .toContain('4');
    // the model still tells its own three emotions apart, whatever the label set has become
    await nav('Predict').click();
    await expect
      .poll(() =>
        main()
          .getByText(/^With the model of run/)
          .textContent(),
      )
      .toMatch(/\(happy, sad, neutral\)\.$/);
    await nav('Review').click();
    // the clip on screen, relabelled and the change undone from a terminal
    const shown =
      (await main()
        .getByText(/ · clip \d+ of \d+/)
        .textContent()) ?? '';
    const name = shown.split(' · ')[0].trim();
    const clip = (await served.rpc<ClipPage>('clips.list', { filter: { search: name } })).rows[0];
    expect(clip.name).toBe(name);
    const other = clip.label === 'angry' ? 'sad' : 'angry';
    ser('relabel', String(clip.id), other);
    await expect
      .poll(() => labelGroup.getByRole('button', { name: other }).getAttribute('aria-pressed'), {
        timeout: 10_000,
      })
      .toBe('true');
    ser('undo');
    ser('labels', '--set', 'happy,sad,neutral');
    await expect
      .poll(
        () =>
          page
            .getByRole('complementary')
            .getByText(/^Labels:/)
            .textContent(),
        { timeout: 10_000 },
      )
      .toBe('Labels: happy, sad, neutral');
    expect((await served.rpc<ClipDetail>('clips.get', { id: clip.id })).label).toBe(clip.label);
    await expect.poll(() => labelGroup.getByRole('button', { name: 'angry' }).count()).toBe(0);
  });

  it('kept the page free of errors', () => {
    // 4xx answers the tests provoked on purpose show up as console errors of failed loads; nothing else may
    const unexpected = browser.problems.filter((p) => !/status of 4(00|01|16)/.test(p));
    expect(unexpected).toEqual([]);
  });

  it('says where it happens when the server is gone, on Clips and on Review', async () => {
    await nav('Review').click();
    await expect
      .poll(() => main().locator('[data-state]').first().getAttribute('data-state'), { timeout: 20_000 })
      .toBe('ready');
    await served.stop();
    await nav('Clips').click();
    await main().getByRole('combobox', { name: 'Speaker filter' }).selectOption('08');
    await expect
      .poll(() => main().getByRole('alert').first().textContent(), { timeout: 10_000 })
      .toMatch(/not reachable/);
    // Review walks the list that could not be fetched: it says so, and keeps the clip it shows
    await nav('Review').click();
    await page.keyboard.press('j');
    await expect
      .poll(() => main().getByRole('alert').first().textContent(), { timeout: 10_000 })
      .toMatch(/not reachable/);
    expect(
      await main()
        .getByRole('img', { name: /^Waveform of / })
        .count(),
    ).toBe(1);
  });
});
