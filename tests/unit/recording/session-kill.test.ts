import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { saveTake, sessionDir } from '../../../src/core/recording/node/save-take.js';
import {
  createSession,
  sessionProgress,
  setSessionState,
} from '../../../src/core/recording/node/sessions.js';
import { prepareTake } from '../../../src/core/recording/take-audio.js';
import { cleanup, tempDir } from '../dataset/helpers.js';
import { padded } from './signals.js';

afterAll(cleanup);

const CHILD = path.resolve('tests/unit/recording/fixtures/record-child.ts');

/**
 * Runs the child saving takes and SIGKILLs it `delayMs` after it starts saving take `killAt`: somewhere inside
 * that save (writing the file, renaming it, decoding it, or in the transaction). Returns the takes it reported saved.
 */
async function killDuringSave(
  projectDir: string,
  sessionId: number,
  opts: { from: number; killAt: number; delayMs: number; replace?: boolean },
): Promise<Map<number, number>> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, projectDir, String(sessionId), String(opts.from), opts.replace ? '1' : '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const saved = new Map<number, number>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const m = /^saved (\d+) (\d+)$/.exec(line);
      if (m) saved.set(Number(m[1]), Number(m[2]));
      if (line === `saving ${opts.killAt}`) setTimeout(() => child.kill('SIGKILL'), opts.delayMs);
    }
  });
  await exited;
  return saved;
}

/** Files a killed save left behind (a temporary file, a take not yet in the database, a replaced take). */
let leftovers = 0;

function checkConsistent(projectDir: string, sessionId: number, saved: Map<number, number>): void {
  const project = openProject(projectDir);
  try {
    expect(project.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(project.db.pragma('foreign_key_check')).toEqual([]);
    const takes = sessionProgress(project, sessionId).takes;
    // every take the session reported saved is there, in the clip it was saved as
    for (const [index, clipId] of saved) expect(takes.find((t) => t.index === index)?.clipId).toBe(clipId);
    for (const t of takes) {
      const clip = project.clips.get(t.clipId)!;
      // every clip names a whole file: the content it hashed, the duration it measured
      const bytes = fs.readFileSync(clip.path);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(clip.sha256);
      expect(bytes.length).toBe(44 + Math.round((clip.durationS ?? 0) * 16000) * 2);
      expect(clip).toMatchObject({ status: 'ok', labelSource: 'recorded', speaker: 'Kai' });
      const events = project.labels.history(t.clipId);
      expect(events.filter((e) => e.source === 'recorded')).toHaveLength(1);
    }
    const position = sessionProgress(project, sessionId).position;
    expect(position).toBe(
      takes.length === 0
        ? 0
        : Math.min(...[...Array(41).keys()].filter((i) => !takes.some((t) => t.index === i))),
    );
    // resuming tidies what the killed save left: only files a clip names remain
    leftovers += fs.readdirSync(sessionDir(project, sessionId)).length - takes.length;
    setSessionState(project, sessionId, 'resume');
    const files = fs
      .readdirSync(sessionDir(project, sessionId))
      .map((f) => path.join(sessionDir(project, sessionId), f));
    expect(files.sort()).toEqual(takes.map((t) => project.clips.get(t.clipId)!.path).sort());
  } finally {
    project.close();
  }
}

describe('a recording session killed mid-take', () => {
  it('keeps every saved take and leaves the database consistent', { timeout: 120_000 }, async () => {
    const projectDir = path.join(tempDir(), 'project');
    const setup = openProject(projectDir, { create: true });
    const prompts = Array.from({ length: 20 }, (_, i) => `Prompt number ${i + 1}.`);
    const sessionId = createSession(setup, { speaker: 'Kai', prompts, emotions: ['happy', 'sad'] }).id;
    setup.close();

    const all = new Map<number, number>();
    // new takes, killed at several points inside one save
    let from = 0;
    for (const delayMs of [0, 3, 8, 15]) {
      const saved = await killDuringSave(projectDir, sessionId, { from, killAt: from + 3, delayMs });
      expect(saved.size).toBeGreaterThanOrEqual(3);
      for (const [k, v] of saved) all.set(k, v);
      checkConsistent(projectDir, sessionId, all);
      const p = openProject(projectDir);
      from = sessionProgress(p, sessionId).position;
      p.close();
    }
    // retakes, killed likewise: the clip keeps either its old take or the new one, whole
    for (const delayMs of [2, 10]) {
      const saved = await killDuringSave(projectDir, sessionId, {
        from: 0,
        killAt: 2,
        delayMs,
        replace: true,
      });
      expect(saved.size).toBeGreaterThanOrEqual(2);
      for (const [k, v] of saved) all.set(k, v);
      checkConsistent(projectDir, sessionId, all);
    }

    // and the session goes on to the end after all that
    const project = openProject(projectDir);
    try {
      let progress = sessionProgress(project, sessionId);
      const kept = progress.kept;
      expect(kept).toBeGreaterThanOrEqual(12);
      const wav = (await prepareTake(padded(48000, 0.3, 0.8, 0.1), 48000)).wav!;
      while (progress.position < progress.total) {
        const w = wav.slice();
        w[w.length - 1] ^= progress.position + 1; // distinct content for each take
        await saveTake(project, { sessionId, index: progress.position, data: w });
        progress = sessionProgress(project, sessionId);
      }
      expect(progress).toMatchObject({ state: 'done', kept: 40 });
      console.log(`kill test: ${leftovers} leftover files tidied over 6 kills`);
      expect(project.clips.count({ status: 'ok' })).toBe(40);
    } finally {
      project.close();
    }
  });
});
