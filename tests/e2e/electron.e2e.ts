/**
 * The desktop app through Playwright's Electron driver: the same renderer over IPC (window.studio) instead of
 * HTTP, with Node out of the renderer's reach. It needs the Electron binary, which can't be downloaded on
 * every machine (not on the CI machines of this project): there the test is skipped and says why.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnPixels } from './support/canvas.js';
import { emodbSubset } from './support/emodb-subset.js';
import { EMODB, REPO, tempDir } from './support/paths.js';
import { screenshot } from './support/screenshots.js';
import { errorMessage } from '../../src/common/error-message.js';

function electronBinary(): { path: string } | { reason: string } {
  try {
    const p: unknown = createRequire(import.meta.url)('electron');
    if (typeof p === 'string' && fs.existsSync(p)) return { path: p };
    return { reason: 'the electron package names no binary that exists' };
  } catch (err) {
    return { reason: errorMessage(err).split('\n')[0] };
  }
}

function hasDisplay(): boolean {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

const binary = electronBinary();
const skipReason =
  'reason' in binary
    ? `no Electron binary on this machine (${binary.reason})`
    : !hasDisplay()
      ? 'no display (DISPLAY/WAYLAND_DISPLAY unset): run under xvfb-run to test the desktop app'
      : !fs.existsSync(path.join(EMODB, 'manifest.csv'))
        ? `no EmoDB at ${EMODB} (the shared corpora; SER_SHARED_DIR points elsewhere)`
        : null;
if (skipReason) console.warn(`[electron e2e] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)(
  `the desktop app (Electron)${skipReason ? ` — skipped: ${skipReason}` : ''}`,
  () => {
    let work: string;
    let app: ElectronApplication;
    let page: Page;
    const main = () => page.getByRole('main');

    beforeAll(async () => {
      work = tempDir('electron');
      // The desktop build and better-sqlite3 built for Electron's ABI, as `npm start` prepares them.
      for (const [cmd, args] of [
        [process.execPath, [path.join(REPO, 'bin', 'rebuild-electron.js')]],
        [
          process.execPath,
          [path.join(REPO, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
        ],
      ] as const) {
        const r = spawnSync(cmd, [...args], { cwd: REPO, stdio: 'inherit' });
        if (r.status !== 0) throw new Error(`${args.join(' ')} failed`);
      }
      app = await electron.launch({
        executablePath: (binary as { path: string }).path,
        args: [path.join(REPO, 'out', 'main', 'index.js'), '--project', path.join(work, 'project')],
        env: { ...process.env, EMOTION_STUDIO_HOME: path.join(work, 'home') },
      });
      page = await app.firstWindow();
    });

    afterAll(async () => {
      await app?.close();
      if (work) fs.rmSync(work, { recursive: true, force: true });
    });

    it('keeps Node out of the renderer and speaks the contract over window.studio', async () => {
      const env = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        studio: Object.keys((window as unknown as { studio?: object }).studio ?? {}).sort(),
      }));
      expect(env.require).toBe('undefined');
      expect(env.process).toBe('undefined');
      expect(env.studio).toEqual(['pickFolder', 'pickSaveFolder', 'request', 'subscribe']);
      await expect
        .poll(() => page.getByRole('navigation', { name: 'Screens' }).textContent())
        .toContain('Clips');
    });

    it('imports a folder by path, then shows a clip with its waveform and spectrogram', async () => {
      const data = emodbSubset(path.join(work, 'emodb-subset'), ['03', '08']);
      await main().getByRole('textbox', { name: 'Folder or manifest path' }).fill(data.dir);
      await main().getByRole('button', { name: 'Import', exact: true }).click();
      await main().getByText('Import finished').waitFor({ timeout: 120_000 });
      const grid = main().getByRole('grid', { name: 'Clips' });
      await expect.poll(() => grid.getAttribute('aria-rowcount')).toBe(String(data.files.length + 1));
      await grid.getByRole('row').nth(1).click();
      await page.keyboard.press('Enter');
      await expect
        .poll(() => main().locator('[data-state]').first().getAttribute('data-state'), { timeout: 20_000 })
        .toBe('ready');
      await expect
        .poll(() => drawnPixels(main().getByRole('img', { name: /^Mel spectrogram of / })))
        .toBeGreaterThan(20_000);
      await screenshot(page, 'electron-review');
    });
  },
);
