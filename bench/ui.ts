// UI speed at 50,000 clips, measured in Debian's Chromium through playwright against the real `ser serve`:
// time to the first rendered rows of the clip table, frame times while scrolling through it, and the time
// from selecting a clip to its waveform, spectrogram and pitch/energy contours shown (target under 300 ms),
// with the contours' own share of it. One JSON line each.
// The project is generated: 50,000 rows written with the dataset layer, each a symlink to one of a few real
// EmoDB files, plus a run whose predictions cover every clip (the table shows predicted and confidence).
//   npx tsx bench/ui.ts [--clips N]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { openProject } from '../src/core/dataset/node/project.js';
import type { NewClip } from '../src/core/dataset/node/clips-repo.js';
import { openBrowser } from '../tests/e2e/support/browser.js';
import { startServe } from '../tests/e2e/support/serve.js';
import { sharedPath } from '../tests/support/shared-data.js';

const { values } = parseArgs({ options: { clips: { type: 'string', default: '50000' } } });
const CLIPS = Number(values.clips);
const EMODB = sharedPath('data/emodb');
const LABELS = ['happy', 'sad', 'neutral'] as const;
const LETTER: Record<string, (typeof LABELS)[number]> = { F: 'happy', T: 'sad', N: 'neutral' };

const out = (o: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(o)}\n`);
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function generateProject(root: string): string {
  const sources = fs
    .readdirSync(EMODB)
    .filter((f) => /^\d\d[a-z]\d\d[FTN][a-z]\.wav$/.test(f))
    .slice(0, 24);
  const audioDir = path.join(root, 'audio');
  const projectDir = path.join(root, 'project');
  const project = openProject(projectDir, { create: true });
  try {
    const now = new Date().toISOString();
    const ids: number[] = [];
    project.transaction(() => {
      for (let i = 0; i < CLIPS; i++) {
        const src = sources[i % sources.length];
        const speaker = `spk${String(i % 50).padStart(2, '0')}`;
        const dir = path.join(audioDir, speaker);
        if (i < 50) fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `clip${String(i).padStart(6, '0')}-${src}`);
        fs.symlinkSync(path.join(EMODB, src), file);
        const clip: NewClip = {
          path: file,
          sha256: createHash('sha256').update(String(i)).digest('hex'),
          format: 'wav-pcm16',
          durationS: 2 + (i % 7) * 0.25,
          sampleRate: 16000,
          channels: 1,
          speaker,
          label: i % 11 === 0 ? null : LETTER[src[5]],
          labelSource: i % 11 === 0 ? null : 'convention',
          split: null,
          status: 'ok',
          reason: null,
          rejectCode: null,
          peak: 0.8,
          rms: 0.1,
          clippedFraction: 0,
          silentFraction: 0.05,
          corpus: 'emodb',
        };
        ids.push(project.clips.insert(clip, now));
      }
    });
    // A trained run predicting every clip, so the table's predicted/confidence columns and filters are live.
    const modelDir = path.join(projectDir, 'models', 'run-1');
    fs.mkdirSync(modelDir, { recursive: true });
    fs.writeFileSync(path.join(modelDir, 'model.json'), '{}');
    const runId = project.runs.create({
      kind: 'train',
      labels: [...LABELS],
      config: {},
      split: 'loso',
      backend: 'bench',
      modelDir,
    });
    project.runs.addPredictions(
      runId,
      ids.map((clipId, i) => {
        const predicted = LABELS[(i * 7) % 3];
        const confidence = 0.34 + ((i * 37) % 66) / 100;
        return { clipId, label: null, predicted, confidence, probs: { happy: 0.2, sad: 0.2, neutral: 0.6 } };
      }),
    );
    project.runs.update(runId, { status: 'done' });
  } finally {
    project.close();
  }
  return projectDir;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ser-bench-ui-'));
try {
  const genStart = performance.now();
  const projectDir = generateProject(root);
  const generateS = (performance.now() - genStart) / 1000;
  await build({ configFile: path.resolve('vite.renderer.config.ts'), logLevel: 'error' });
  const served = await startServe(projectDir);
  const browser = await openBrowser();
  try {
    const { page } = browser;
    // tsx compiles with esbuild's keepNames, which wraps functions in __name(); code sent into the page needs it
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    // Stamp the moment the first data row (with its cells) is in the DOM.
    await page.addInitScript(() => {
      const w = window as unknown as { __firstRows?: number };
      new MutationObserver((_, obs) => {
        if (document.querySelector('[role=grid] [role=row][aria-rowindex="2"] [role=gridcell]')) {
          w.__firstRows = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(served.url);
    await page.waitForFunction(
      () => (window as unknown as { __firstRows?: number }).__firstRows !== undefined,
      null,
      { timeout: 60_000 },
    );
    const firstRender = await page.evaluate(() => (window as unknown as { __firstRows: number }).__firstRows);
    const total = await page.getByRole('grid', { name: 'Clips' }).getAttribute('aria-rowcount');
    out({
      bench: 'ui.first_render',
      ms: round(firstRender),
      clips: Number(total) - 1,
      generate_s: round(generateS),
    });

    // Scroll through the table: ~3 rows a frame for 4 s (as a fast wheel would), timing every frame.
    const scroll = await page.evaluate(async () => {
      const scroller =
        document.querySelector<HTMLElement>('[role=grid] .scroller') ??
        document.querySelector<HTMLElement>('[role=grid] > div:last-child');
      if (!scroller) throw new Error('no scroll container in the clip grid');
      const frames: number[] = [];
      // main-thread tasks over 50 ms (a dropped-frame stutter) while scrolling
      const long: number[] = [];
      const observer = new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => long.push(e.duration)),
      );
      observer.observe({ type: 'longtask' });
      let blank = 0;
      let samples = 0;
      const start = performance.now();
      let last = start;
      await new Promise<void>((resolve) => {
        const step = (t: number): void => {
          frames.push(t - last);
          last = t;
          scroller.scrollTop += 100;
          // rows whose page hasn't arrived yet show a placeholder
          const rows = scroller.querySelectorAll('[role=row]');
          samples += rows.length;
          blank += scroller.querySelectorAll('[role=row] .placeholder').length;
          if (t - start < 4000) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      observer.disconnect();
      return {
        frames: frames.slice(1),
        longTasks: long.length,
        rowsScrolled: Math.round(scroller.scrollTop / 34),
        blankShare: blank / Math.max(1, samples),
      };
    });
    out({
      bench: 'ui.scroll',
      p50_ms: round(quantile(scroll.frames, 0.5)),
      p95_ms: round(quantile(scroll.frames, 0.95)),
      max_ms: round(Math.max(...scroll.frames)),
      frames: scroll.frames.length,
      long_tasks: scroll.longTasks,
      rows_scrolled: scroll.rowsScrolled,
      placeholder_share: round(scroll.blankShare, 3),
    });

    // Select a clip (Enter on the table opens it in Review), then step through clips with →: time from the
    // key to the waveform and the mel spectrogram both drawn.
    const grid = page.getByRole('grid', { name: 'Clips' });
    await grid.getByRole('row').nth(1).click();
    await grid.getByRole('row').nth(1).click();
    const timeTo = async (key: string): Promise<number> =>
      page.evaluate(async (k) => {
        const before = document.querySelector('[data-clip]')?.getAttribute('data-clip') ?? null;
        const t0 = performance.now();
        const target = k === 'Enter' ? document.querySelector('[role=grid]') : window;
        target?.dispatchEvent(new KeyboardEvent('keydown', { key: k, code: k, bubbles: true }));
        return new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('clip view not ready in 10 s')), 10_000);
          const check = (): void => {
            const view = document.querySelector('[data-clip]');
            if (
              view &&
              view.getAttribute('data-clip') !== before &&
              view.getAttribute('data-state') === 'ready'
            ) {
              clearTimeout(timer);
              resolve(performance.now() - t0);
            } else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        });
      }, key);
    const first = await timeTo('Enter');
    const times: number[] = [];
    const contourTimes: number[] = [];
    for (let i = 0; i < 15; i++) {
      await page.waitForTimeout(150);
      times.push(await timeTo('ArrowRight'));
      contourTimes.push(Number(await page.locator('[data-clip]').getAttribute('data-contours-ms')));
    }
    out({
      bench: 'ui.clip_view',
      median_ms: round(quantile(times, 0.5)),
      p95_ms: round(quantile(times, 0.95)),
      first_ms: round(first),
      contours_median_ms: round(quantile(contourTimes, 0.5)),
      contours_p95_ms: round(quantile(contourTimes, 0.95)),
      target_ms: 300,
      samples: times.length,
    });
  } finally {
    await browser.close();
    await served.stop();
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
