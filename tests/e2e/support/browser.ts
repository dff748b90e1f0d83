import fs from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { tempDir } from './paths.js';

export const CHROMIUM = '/usr/bin/chromium';

/** DESIGN.md's flags for Debian's Chromium, plus a fake microphone (a beep) granted without a prompt. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions the page produced. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium with a new, empty profile, one page at a laptop-sized viewport. `extraArgs` add switches
 * (e.g. `--use-file-for-fake-audio-capture=<wav>`: the fake microphone plays that file instead of a beep).
 */
export async function openBrowser(
  opts: { colorScheme?: 'light' | 'dark'; extraArgs?: readonly string[] } = {},
): Promise<Browser> {
  const userDataDir = tempDir('profile');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(opts.extraArgs ?? [])],
    viewport: { width: 1360, height: 860 },
    colorScheme: opts.colorScheme ?? 'light',
    acceptDownloads: true,
    permissions: ['microphone'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
