import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRendererBuilt, isRendererCurrent } from '../../../src/server/renderer-build.js';

describe('whether `ser serve` must build the renderer first', () => {
  let root: string;
  const write = (rel: string, ageS: number): void => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '');
    const t = Date.now() / 1000 - ageS;
    fs.utimesSync(file, t, t);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'es-renderer-build-'));
    write('src/renderer/App.svelte', 300);
    write('src/common/contract.ts', 300);
    write('src/core/features/stft.ts', 300);
    write('vite.renderer.config.ts', 300);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds when there is no build', () => {
    expect(isRendererBuilt(root)).toBe(false);
    expect(isRendererCurrent(root)).toBe(false);
  });

  it('serves a build made after every source it comes from', () => {
    write('out/renderer/index.html', 100);
    expect(isRendererCurrent(root)).toBe(true);
  });

  it('builds again when a source changed after the build (an updated checkout)', () => {
    write('out/renderer/index.html', 100);
    for (const changed of ['src/renderer/screens/clips/ClipTable.svelte', 'src/common/contract.ts']) {
      write(changed, 10);
      expect(isRendererBuilt(root)).toBe(true);
      expect(isRendererCurrent(root), changed).toBe(false);
      write(changed, 300);
    }
    write('src/core/features/deep/er/window.ts', 10);
    expect(isRendererCurrent(root)).toBe(false);
  });
});
