import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { NewClip } from '../../../src/core/dataset/node/clips-repo.js';
import { openProject, type Project } from '../../../src/core/dataset/node/project.js';

const made: string[] = [];
const opened: Project[] = [];

/** A fresh temporary folder, removed after the test (or the file's tests, when made in a beforeAll). */
export function tempDir(prefix = 'ser-dataset-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function newProject(dir = path.join(tempDir(), 'project')): Project {
  const p = openProject(dir, { create: true });
  opened.push(p);
  return p;
}

export function cleanup(): void {
  for (const p of opened.splice(0)) p.close();
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Registers cleanup after each test; files sharing state across tests call cleanup in afterAll instead. */
export function cleanupAfterEach(): void {
  afterEach(cleanup);
}

let counter = 0;

/** A good clip row with made-up measurements, for repository tests that need no audio. */
export function fakeClip(over: Partial<NewClip> = {}): NewClip {
  counter++;
  return {
    path: `/fake/clip-${counter}.wav`,
    sha256: counter.toString(16).padStart(64, '0'),
    format: 'wav-pcm16',
    durationS: 2,
    sampleRate: 16000,
    channels: 1,
    speaker: 'unknown',
    label: null,
    labelSource: null,
    split: null,
    status: 'ok',
    reason: null,
    rejectCode: null,
    peak: 0.5,
    rms: 0.1,
    clippedFraction: 0,
    silentFraction: 0.1,
    corpus: null,
    ...over,
  };
}

export const NOW = '2025-01-01T00:00:00.000Z';
