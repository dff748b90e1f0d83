/**
 * Importing long recordings: a file over the threshold is kept once (a 16 kHz copy in the project) and split into
 * utterances, each a clip pointing at the recording with its start and end, whatever the file's format; an
 * annotation file beside it gives the segments and labels instead; importing again adds nothing; a bad
 * recording is a rejected file with its reason; short files are clips as before.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONG_RECORDING_S } from '../../../src/core/dataset/long-recording-threshold.js';
import { importSource } from '../../../src/core/dataset/node/importer.js';
import { recordingFrames } from '../../../src/core/recordings/node/recording-audio.js';
import { writeTextGrid } from '../../../src/core/recordings/interchange/index.js';
import { burstsWav } from '../../support/long-recording.js';
import { cleanupAfterEach, newProject, tempDir } from '../dataset/helpers.js';
import { toneWav } from '../studio/fixtures.js';

cleanupAfterEach();

const BURSTS: Array<[number, number]> = [
  [2, 4.5],
  [6, 7],
  [9.5, 13],
  [20, 22.5],
  [30, 31.2],
  [40, 44],
];

const hasSox = (() => {
  try {
    execFileSync('sox', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('importing a long recording', () => {
  it('keeps one copy and makes a clip of each utterance, pointing at the recording', async () => {
    const dir = tempDir();
    const file = burstsWav(path.join(dir, 'in', 'interview.wav'), 48, BURSTS);
    fs.writeFileSync(path.join(dir, 'in', 'short.wav'), toneWav(300, 1));
    const project = newProject(path.join(dir, 'project'));
    const summary = await importSource(project, path.join(dir, 'in'), { segment: 'auto' });

    expect(summary.recordings).toEqual([
      { path: file, recordingId: 1, durationS: 48, segments: BURSTS.length, from: 'detector', known: false },
    ]);
    expect(summary.added).toBe(BURSTS.length + 1);
    expect(summary.perSpeaker['recording:interview']).toBe(BURSTS.length);
    const rec = project.recordings.get(1)!;
    expect(rec).toMatchObject({
      sourcePath: file,
      format: 'wav-pcm16',
      sampleRate: 16000,
      durationS: 48,
      speaker: 'recording:interview',
    });
    expect(recordingFrames(rec.path)).toBe(48 * 16000);

    const segments = project.recordings.segments(1);
    expect(segments).toHaveLength(BURSTS.length);
    segments.forEach((s, i) => {
      expect(Math.abs(s.startS - BURSTS[i][0])).toBeLessThan(0.1);
      expect(Math.abs(s.endS - BURSTS[i][1])).toBeLessThan(0.1);
      // a clip like any other: its own file, its duration, the recording's speaker
      const clip = project.clips.get(s.clipId)!;
      expect(clip).toMatchObject({
        status: 'ok',
        speaker: 'recording:interview',
        sampleRate: 16000,
        label: null,
      });
      expect(clip.durationS).toBeCloseTo(s.endS - s.startS, 3);
      expect(fs.existsSync(clip.path)).toBe(true);
    });
    // the short file is a clip of its own, as before
    expect(project.clips.count()).toBe(BURSTS.length + 1);

    const again = await importSource(project, path.join(dir, 'in'), { segment: 'auto' });
    expect(again.recordings?.[0]).toMatchObject({ recordingId: 1, known: true, segments: BURSTS.length });
    expect(again.added).toBe(0);
    expect(project.clips.count()).toBe(BURSTS.length + 1);
  });

  it.runIf(hasSox)('reads FLAC and 44.1 kHz stereo in pieces to the same segments', async () => {
    const dir = tempDir();
    const wav = burstsWav(path.join(dir, 'talk.wav'), 40, BURSTS.slice(0, 5));
    const flac = path.join(dir, 'in', 'talk.flac');
    fs.mkdirSync(path.dirname(flac));
    execFileSync('sox', [wav, '-r', '44100', '-c', '2', flac]);
    const project = newProject(path.join(dir, 'project'));
    const summary = await importSource(project, path.join(dir, 'in'), { segment: 'auto', speaker: 'Ann' });
    expect(summary.recordings?.[0]).toMatchObject({ segments: 5, known: false });
    const rec = project.recordings.get(1)!;
    expect(rec).toMatchObject({ format: 'flac', sampleRate: 44100, channels: 2, speaker: 'Ann' });
    // audio-decode's chunked FLAC decoder sometimes drops a stream's last, partial block (under 0.1 s)
    expect(Math.abs(rec.durationS - 40)).toBeLessThan(0.1);
    project.recordings
      .segments(1)
      .forEach((s, i) => expect(Math.abs(s.startS - BURSTS[i][0])).toBeLessThan(0.1));
  });

  it('takes the segments and labels of an annotation file beside the recording', async () => {
    const dir = tempDir();
    burstsWav(path.join(dir, 'in', 'session.wav'), 45, BURSTS.slice(0, 4));
    const grid = writeTextGrid(
      [
        {
          name: 'emotion',
          intervals: [
            { start: 1.9, end: 4.6, text: 'happy' },
            { start: 5.95, end: 7.1, text: 'Traurig' },
            { start: 9.4, end: 13.123, text: 'sad' },
          ],
        },
      ],
      45,
    );
    fs.writeFileSync(path.join(dir, 'in', 'session.TextGrid'), grid);
    const project = newProject(path.join(dir, 'project'));
    const summary = await importSource(project, path.join(dir, 'in'), { segment: 'auto' });
    expect(summary.recordings?.[0]).toMatchObject({ segments: 3, from: 'annotations' });
    expect(project.recordings.segments(1).map((s) => [s.startS, s.endS, s.label])).toEqual([
      [1.9, 4.6, 'happy'],
      [5.95, 7.1, null],
      [9.4, 13.123, 'sad'],
    ]);
    expect(summary.perLabel).toEqual({ happy: 1, unlabelled: 1, sad: 1 });
    // the labels are in the label history, as an import's
    expect(project.labels.history(project.recordings.segments(1)[0].clipId)[0]).toMatchObject({
      source: 'import',
      newLabel: 'happy',
    });
  });

  it('rejects a recording it cannot read, naming the reason, and goes on', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'in'));
    const wav = burstsWav(path.join(dir, 'whole.wav'), LONG_RECORDING_S + 10, BURSTS.slice(0, 2));
    // a header that promises more than the file holds, cut at 17 MB worth of declared data: read as long
    const bytes = fs.readFileSync(wav);
    fs.writeFileSync(path.join(dir, 'in', 'cut.wav'), bytes.subarray(0, bytes.length - 1000));
    const huge = Buffer.alloc(17 * 1024 * 1024);
    huge.write('this is not audio at all');
    fs.writeFileSync(path.join(dir, 'in', 'big.wav'), huge);
    const project = newProject(path.join(dir, 'project'));
    const summary = await importSource(project, path.join(dir, 'in'), { segment: 'auto' });
    expect(summary.rejected.map((r) => [path.basename(r.path), r.code]).sort()).toEqual([
      ['big.wav', 'not-audio'],
      ['cut.wav', 'truncated'],
    ]);
    expect(summary.rejected.find((r) => r.path.endsWith('cut.wav'))?.reason).toMatch(
      /truncated WAV: data chunk declares/,
    );
    expect(project.recordings.list()).toEqual([]);
    const kept = path.join(dir, 'project', 'long-recordings');
    expect(fs.existsSync(kept) ? fs.readdirSync(kept) : []).toEqual([]);
  });

  it('with --segment off a long file is one clip (or too long), as before', async () => {
    const dir = tempDir();
    burstsWav(path.join(dir, 'in', 'talk.wav'), 40, BURSTS.slice(0, 2));
    const project = newProject(path.join(dir, 'project'));
    const summary = await importSource(project, path.join(dir, 'in'), { segment: 'off' });
    expect(summary.recordings).toBeUndefined();
    expect(summary.added).toBe(1);
  });
});
