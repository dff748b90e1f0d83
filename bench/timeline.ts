// npx tsx bench/timeline.ts [--model DIR] [--minutes 10]: how much faster than real time `ser predict --timeline`
// reads a long recording on one thread (decode in pieces, detect utterances, score each with the voice heard
// before it, add it to the voice), with a model of the default recipe. Without --model, one is trained first
// (EmoDB speakers 03, 08, 09, happy/sad/neutral, one small epoch: the speed does not depend on how well it
// learnt). The recording: EmoDB takes of other speakers with 0.8-2 s pauses, 16 kHz as the corpus is. Prints
// one JSON line; the target is 100x real time.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openProject } from '../src/core/dataset/node/project.js';
import { selectBackend } from '../src/core/model/backend/node/select.js';
import { latestModelDir } from '../src/core/model/evaluation/node/current-model.js';
import { loadModelFolder } from '../src/core/model/node/model-files.js';
import { modelScorer, predictTimeline } from '../src/core/recordings/node/timeline.js';
import { concatenateClips } from '../tests/support/long-recording.js';
import { sharedPath } from '../tests/support/shared-data.js';

const { values } = parseArgs({
  options: { model: { type: 'string' }, minutes: { type: 'string', default: '10' } },
});
const emodb = sharedPath('data/emodb');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ser-bench-timeline-'));
try {
  let modelDir = values.model;
  if (!modelDir) {
    const corpus = path.join(dir, 'train');
    fs.mkdirSync(corpus);
    for (const f of fs.readdirSync(emodb))
      if (/^(03|08|09)\w\d\d[FTN]\w\.wav$/.test(f)) fs.symlinkSync(path.join(emodb, f), path.join(corpus, f));
    const project = path.join(dir, 'project');
    const ser = (...args: string[]) =>
      execFileSync(process.execPath, [path.resolve('bin/ser.js'), ...args, '--project', project], {
        stdio: 'ignore',
      });
    ser('import', corpus);
    ser('train', '--epochs', '1', '--size', 'small', '--jobs', '1');
    const p = openProject(project);
    modelDir = latestModelDir(p);
    p.close();
  }
  const takes = fs
    .readdirSync(emodb)
    .filter((f) => /^(1[0-6])\w\d\d[FTN]\w\.wav$/.test(f))
    .sort()
    .map((f) => path.join(emodb, f));
  const wanted = Number(values.minutes) * 60;
  const files: string[] = [];
  while (files.length * 3.4 < wanted) files.push(takes[files.length % takes.length]);
  const rec = concatenateClips(files, path.join(dir, 'long.wav'), { seed: 9 });

  const backend = await selectBackend('auto');
  const loaded = await loadModelFolder(modelDir);
  const scorer = modelScorer(loaded);
  // one warm-up pass on a minute of it, so the figure is the steady speed, not the JIT's first steps
  const warm = concatenateClips(files.slice(0, 18), path.join(dir, 'warm.wav'), { seed: 9 });
  await predictTimeline(scorer, warm.path);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const timeline = await predictTimeline(scorer, rec.path);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  loaded.model.dispose();
  process.stdout.write(
    JSON.stringify({
      bench: 'timeline',
      backend: backend.detail,
      recipe: loaded.meta.recipe?.kind ?? 'cnn',
      audio_s: Math.round(rec.durationS),
      utterances: timeline.rows.length,
      voice_from_s: timeline.voiceFrom,
      elapsed_s: Math.round(wall * 100) / 100,
      cpu_s: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
      x_real_time: Math.round(rec.durationS / wall),
      x_real_time_per_cpu_s: Math.round(rec.durationS / ((cpu.user + cpu.system) / 1e6)),
      target_x: 100,
    }) + '\n',
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
