// Import speed: EmoDB (535 clips) into a fresh temporary project. Prints one JSON line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importSource } from '../src/core/dataset/node/importer.js';
import { openProject } from '../src/core/dataset/node/project.js';
import { sharedPath } from '../tests/support/shared-data.js';

const source = process.argv[2] ?? sharedPath('data/emodb');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ser-bench-import-'));
try {
  const project = openProject(path.join(dir, 'project'), { create: true });
  try {
    const started = performance.now();
    const summary = await importSource(project, source);
    const elapsed = (performance.now() - started) / 1000;
    const clips = summary.added;
    const again = performance.now();
    await importSource(project, source);
    const reimport = (performance.now() - again) / 1000;
    process.stdout.write(
      JSON.stringify({
        bench: 'import',
        clips_per_s: Math.round((clips / elapsed) * 10) / 10,
        clips,
        elapsed_s: Math.round(elapsed * 1000) / 1000,
        audio_s: Math.round(summary.durationS),
        rejected: summary.rejected.length,
        reimport_s: Math.round(reimport * 1000) / 1000,
      }) + '\n',
    );
  } finally {
    project.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
