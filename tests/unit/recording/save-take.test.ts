import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeAudio } from '../../../src/core/audio/decode.js';
import { encodeWav } from '../../../src/core/audio/wav-encode.js';
import { prepareTake } from '../../../src/core/recording/take-audio.js';
import {
  saveTake,
  sessionDir,
  SessionError,
  TakeRefusedError,
} from '../../../src/core/recording/node/save-take.js';
import {
  createSession,
  sessionProgress,
  setSessionState,
} from '../../../src/core/recording/node/sessions.js';
import { cleanupAfterEach, newProject } from '../dataset/helpers.js';
import { noise, padded } from './signals.js';

cleanupAfterEach();

async function takeWav(seconds: number, seed = 0): Promise<Uint8Array> {
  // slightly different takes, as a voice never repeats itself exactly
  const captured = padded(48000, 0.2 + seed * 0.01, seconds, 0.2);
  return (await prepareTake(captured, 48000)).wav!;
}

describe('saving the takes of a session', () => {
  it('imports each kept take as a clip with speaker, intended label (recorded), prompt and session', async () => {
    const project = newProject();
    const s = createSession(project, {
      speaker: ' Mira ',
      prompts: ['The cake is ready.', 'The light is on.'],
      emotions: ['happy', 'sad'],
    });
    expect(s).toMatchObject({ speaker: 'Mira', total: 4, kept: 0, position: 0, state: 'active' });

    const wav = await takeWav(1);
    const r = await saveTake(project, { sessionId: s.id, index: 0, data: wav });
    expect(r.replaced).toBe(false);
    const clip = project.clips.get(r.clipId)!;
    expect(clip).toMatchObject({
      speaker: 'Mira',
      label: 'happy',
      labelSource: 'recorded',
      status: 'ok',
      format: 'wav-pcm16',
      sampleRate: 16000,
      channels: 1,
      corpus: 'recorded',
    });
    expect(clip.durationS).toBeCloseTo(1.4, 3);
    // the file is the bytes sent, inside the project's recordings folder
    expect(path.dirname(clip.path)).toBe(sessionDir(project, s.id));
    expect(clip.path.startsWith(path.join(project.dir, 'recordings'))).toBe(true);
    const onDisk = fs.readFileSync(clip.path);
    expect(Buffer.compare(onDisk, Buffer.from(wav))).toBe(0);
    expect(clip.sha256).toBe(createHash('sha256').update(onDisk).digest('hex'));
    const row = project.db
      .prepare('SELECT prompt, session_id, take_index, intended_label FROM clips WHERE id = ?')
      .get(r.clipId);
    expect(row).toEqual({
      prompt: 'The cake is ready.',
      session_id: s.id,
      take_index: 0,
      intended_label: 'happy',
    });
    expect(project.labels.history(r.clipId)).toMatchObject([
      { oldLabel: null, newLabel: 'happy', source: 'recorded' },
    ]);

    await saveTake(project, { sessionId: s.id, index: 1, data: await takeWav(1, 1) });
    const after = sessionProgress(project, s.id);
    expect(after).toMatchObject({ kept: 2, position: 2, state: 'active' });
    const third = await saveTake(project, { sessionId: s.id, index: 2, data: await takeWav(1, 2) });
    expect(project.clips.get(third.clipId)).toMatchObject({ label: 'sad' });
  });

  it('replaces a take on a retake, keeping the clip and removing the old file', async () => {
    const project = newProject();
    const s = createSession(project, { speaker: 'Ola', prompts: ['a b c'], emotions: ['angry', 'neutral'] });
    const first = await saveTake(project, { sessionId: s.id, index: 1, data: await takeWav(1) });
    const oldPath = project.clips.get(first.clipId)!.path;

    await expect(
      saveTake(project, { sessionId: s.id, index: 1, data: await takeWav(1.5, 3) }),
    ).rejects.toThrow(/already kept: retake it/);
    const retake = await saveTake(
      project,
      { sessionId: s.id, index: 1, data: await takeWav(1.5, 3), replace: true },
      new Date(Date.now() + 1000),
    );
    expect(retake).toMatchObject({ clipId: first.clipId, replaced: true });
    const clip = project.clips.get(first.clipId)!;
    expect(clip.durationS).toBeCloseTo(0.23 + 1.5 + 0.2, 3);
    expect(clip.path).not.toBe(oldPath);
    expect(fs.existsSync(oldPath)).toBe(false);
    expect(fs.readdirSync(sessionDir(project, s.id))).toEqual([path.basename(clip.path)]);
    expect(project.clips.count()).toBe(1);
    expect(sessionProgress(project, s.id)).toMatchObject({ kept: 1, position: 0 });
  });

  it('refuses a silent or clipped take with the reason, keeping nothing of it', async () => {
    const project = newProject();
    const s = createSession(project, { speaker: 'Ola', prompts: ['x'], emotions: ['happy'] });
    const hiss = encodeWav(noise(16000, 2, 0.003), 16000);
    const err = await saveTake(project, { sessionId: s.id, index: 0, data: hiss }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TakeRefusedError);
    expect((err as TakeRefusedError).problems.map((p) => p.code)).toEqual(['silent']);
    expect((err as Error).message).toMatch(/silent/);

    const flat = padded(16000, 0.1, 1, 0.1).map((x) => Math.max(-1, Math.min(1, x * 3)));
    await expect(
      saveTake(project, { sessionId: s.id, index: 0, data: encodeWav(flat, 16000) }),
    ).rejects.toThrow(/clipped/);
    expect(project.clips.count()).toBe(0);
    expect(fs.existsSync(sessionDir(project, s.id))).toBe(false);
  });

  it('keeps a WAV at another rate as a 16 kHz mono WAV', async () => {
    const project = newProject();
    const s = createSession(project, { speaker: 'Ola', prompts: ['x'], emotions: ['happy'] });
    const stereo44 = padded(44100, 0.1, 1, 0.1);
    const r = await saveTake(project, {
      sessionId: s.id,
      index: 0,
      data: encodeWav([stereo44, stereo44], 44100, { bitDepth: 24 }),
    });
    const decoded = await decodeAudio(fs.readFileSync(project.clips.get(r.clipId)!.path), 'x.wav');
    expect(decoded).toMatchObject({ format: 'wav-pcm16', sampleRate: 16000, channels: 1 });
  });

  it('pauses and resumes where it stopped; a paused session takes no takes', async () => {
    const project = newProject();
    const s = createSession(project, { speaker: 'Ola', prompts: ['a', 'b'], emotions: ['happy', 'sad'] });
    await saveTake(project, { sessionId: s.id, index: 0, data: await takeWav(1) });
    await saveTake(project, { sessionId: s.id, index: 2, data: await takeWav(1, 1) });
    expect(setSessionState(project, s.id, 'pause')).toMatchObject({ state: 'paused', position: 1 });
    await expect(saveTake(project, { sessionId: s.id, index: 1, data: await takeWav(1, 2) })).rejects.toThrow(
      SessionError,
    );
    const resumed = setSessionState(project, s.id, 'resume');
    expect(resumed).toMatchObject({ state: 'active', position: 1, kept: 2 });
    expect(resumed.takes.map((t) => t.index)).toEqual([0, 2]);
    await saveTake(project, { sessionId: s.id, index: 1, data: await takeWav(1, 2) });
    await saveTake(project, { sessionId: s.id, index: 3, data: await takeWav(1, 3) });
    expect(sessionProgress(project, s.id)).toMatchObject({ state: 'done', position: 4, kept: 4 });
    await expect(saveTake(project, { sessionId: s.id, index: 4, data: await takeWav(1) })).rejects.toThrow(
      /takes 0-3, not 4/,
    );
  });
});
