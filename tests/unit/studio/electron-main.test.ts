/** The Electron main process's plain modules, in Node (the Electron binary can't run here). */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClipPage } from '../../../src/common/contract.js';
import { createStudioService, type StudioService } from '../../../src/core/studio/service.js';
import { menuTemplate } from '../../../src/main/menu-template.js';
import { answerStudioUrl } from '../../../src/main/studio-protocol.js';
import {
  loadWindowState,
  placeOnDisplays,
  saveWindowState,
  DEFAULT_WINDOW_STATE,
} from '../../../src/main/window-state.js';
import { makeEmoDbLikeFolder, tempDir } from './fixtures.js';

describe('studio:// protocol answers', () => {
  let dir: string;
  let renderer: string;
  let service: StudioService;
  beforeAll(async () => {
    dir = tempDir('proto');
    renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'top secret');
    service = createStudioService({ projectDir: path.join(dir, 'p'), mode: 'electron', log: () => {} });
    makeEmoDbLikeFolder(path.join(dir, 'corpus'), 1);
    const done = new Promise<void>((resolve) => service.on('import.done', () => resolve()));
    await service.handle('import.start', { source: path.join(dir, 'corpus') });
    await done;
  });
  afterAll(async () => {
    await service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the renderer with a CSP that allows studio: media', async () => {
    const r = await answerStudioUrl(service, renderer, 'studio://app/');
    expect(r.status).toBe(200);
    expect(new TextDecoder().decode(r.body)).toContain('<title>app</title>');
    expect(r.headers['Content-Security-Policy']).toMatch(/media-src 'self' blob: data: studio:/);
    expect(r.headers['Content-Security-Policy']).toMatch(/default-src 'self'/);
    expect(r.headers['Access-Control-Allow-Origin']).toBeUndefined();
    const dev = await answerStudioUrl(service, renderer, 'studio://app/', {
      allowOrigin: 'http://localhost:5173',
    });
    expect(dev.headers['Access-Control-Allow-Origin']).toBe('http://localhost:5173');
  });

  it('serves clip audio on the same paths as web mode', async () => {
    const page = (await service.handle('clips.list', {})) as ClipPage;
    const r = await answerStudioUrl(service, renderer, `studio://app/api/clips/${page.rows[0].id}/audio`);
    expect(r.status).toBe(200);
    expect(r.headers['Content-Type']).toBe('audio/wav');
    expect(new TextDecoder().decode(r.body.slice(0, 4))).toBe('RIFF');
    expect((await answerStudioUrl(service, renderer, 'studio://app/api/clips/99999/audio')).status).toBe(404);
    expect(
      (await answerStudioUrl(service, renderer, 'studio://app/api/models/1/..%2f..%2fsecret.txt')).status,
    ).toBe(400);
  });

  it('refuses other hosts and paths outside the renderer', async () => {
    expect((await answerStudioUrl(service, renderer, 'studio://evil/index.html')).status).toBe(404);
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const r = await answerStudioUrl(service, renderer, `studio://app${p}`);
      expect(new TextDecoder().decode(r.body)).not.toContain('top secret');
      expect(r.status).toBe(404);
    }
  });

  it.each(['/%E0%A4%A', '/api/models/1/%E0%A4%A', '/api/clips/1/%ZZ', '/assets/%C0%AF'])(
    'answers a malformed URL %s with a 400, not a 500',
    async (p) => {
      const r = await answerStudioUrl(service, renderer, `studio://app${p}`);
      expect(r.status).toBe(400);
      expect(new TextDecoder().decode(r.body)).toMatch(/malformed/);
    },
  );
});

describe('window state', () => {
  const dir = tempDir('winstate');
  const file = path.join(dir, 'window-state.json');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips and falls back to defaults on a missing or corrupt file', () => {
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    saveWindowState(file, { width: 1000, height: 700, x: 10, y: 20, maximized: true });
    expect(loadWindowState(file)).toEqual({ width: 1000, height: 700, x: 10, y: 20, maximized: true });
    fs.writeFileSync(file, '{"width": 5, "height": "big"');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, '{"width": 50, "height": 40}');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('forgets a position that is on no display any more', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    const onScreen = { width: 1000, height: 700, x: 100, y: 100, maximized: false };
    expect(placeOnDisplays(onScreen, displays)).toEqual(onScreen);
    const offScreen = { ...onScreen, x: 2500, y: 100 };
    expect(placeOnDisplays(offScreen, displays)).toEqual({ width: 1000, height: 700, maximized: false });
  });
});

describe('application menu', () => {
  const noop = { importFolder() {}, exportReport() {}, undoRelabel() {}, openDocs() {}, about() {} };
  const labels = (items: unknown): string[] =>
    (items as Array<{ label?: string; role?: string }>).map((i) => i.label ?? i.role ?? '');

  it('has File, Edit, View and Help with the studio commands', () => {
    const t = menuTemplate(noop, { isMac: false, isDev: false, appName: 'Emotion Studio' });
    expect(labels(t)).toEqual(['&File', '&Edit', '&View', 'windowMenu', '&Help']);
    const file = t[0].submenu as Array<{ label?: string; accelerator?: string; role?: string }>;
    expect(file.map((i) => i.label ?? i.role)).toEqual([
      'Import Folder…',
      'Export Report…',
      undefined,
      'quit',
    ]);
    const edit = t[1].submenu as Array<{ label?: string; role?: string; accelerator?: string }>;
    // Ctrl/Cmd+Z stays text undo; the relabel undo has its own shortcut.
    expect(edit.find((i) => i.label === 'Undo Relabel')?.accelerator).toBe('CmdOrCtrl+Alt+Z');
    expect(edit.some((i) => i.role === 'undo')).toBe(true);
    const view = t[2].submenu as Array<{ role?: string }>;
    expect(view.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('adds reload and devtools in development, and the app menu on macOS', () => {
    const dev = menuTemplate(noop, { isMac: true, isDev: true, appName: 'Emotion Studio' });
    expect(labels(dev)[0]).toBe('Emotion Studio');
    const view = dev[3].submenu as Array<{ role?: string }>;
    expect(view.map((i) => i.role)).toContain('toggleDevTools');
  });
});

describe('better-sqlite3 for Electron', () => {
  const require = createRequire(import.meta.url);
  const nodeBinding = path.join(
    path.dirname(require.resolve('better-sqlite3/package.json')),
    'build',
    'Release',
    'better_sqlite3.node',
  );

  it('opens databases with the binding it is given', async () => {
    process.env.EMOTION_STUDIO_SQLITE_BINDING = nodeBinding;
    try {
      const { default: Database } = await import('../../../src/main/better-sqlite3-electron.js');
      const db = new Database(':memory:');
      expect(db.prepare('SELECT 41 + 1 AS x').get()).toEqual({ x: 42 });
      db.close();
    } finally {
      delete process.env.EMOTION_STUDIO_SQLITE_BINDING;
    }
  });

  it('really loads that binding (a missing one fails instead of falling back to the Node build)', async () => {
    vi.resetModules();
    process.env.EMOTION_STUDIO_SQLITE_BINDING = path.join(tempDir('nobinding'), 'better_sqlite3.node');
    try {
      const { default: Database } = await import('../../../src/main/better-sqlite3-electron.js');
      expect(() => new Database(':memory:')).toThrow(/better_sqlite3\.node|Cannot find module/);
    } finally {
      delete process.env.EMOTION_STUDIO_SQLITE_BINDING;
    }
  });
});
