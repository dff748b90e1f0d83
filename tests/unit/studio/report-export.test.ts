import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openProject } from '../../../src/core/dataset/node/project.js';
import { createStudioService, type StudioService } from '../../../src/core/studio/service.js';
import { tempDir } from './fixtures.js';

describe('report.export {dir} in the desktop app', () => {
  let dir: string;
  let runId: number;
  let service: StudioService;
  beforeEach(() => {
    dir = tempDir('export');
    const projectDir = path.join(dir, 'p');
    const reportDir = path.join(dir, 'report');
    fs.mkdirSync(reportDir);
    fs.writeFileSync(path.join(reportDir, 'metrics.json'), '{}');
    const project = openProject(projectDir, { create: true });
    runId = project.runs.create({ kind: 'train', labels: ['a', 'b'], config: {}, reportDir });
    project.runs.update(runId, { status: 'done' });
    project.close();
    service = createStudioService({ projectDir, mode: 'electron', log: () => {} });
  });
  afterEach(async () => {
    await service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a folder the page names itself, and writes nothing there', async () => {
    const target = path.join(dir, 'autostart');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'metrics.json'), 'mine');
    await expect(service.handle('report.export', { runId, dir: target })).rejects.toThrow(
      /only to a folder chosen in the save dialog/,
    );
    expect(fs.readFileSync(path.join(target, 'metrics.json'), 'utf8')).toBe('mine');
  });

  it('writes once to the folder the save dialog returned', async () => {
    const chosen = path.join(dir, 'chosen');
    service.allowReportExport(chosen);
    const r = (await service.handle('report.export', { runId, dir: chosen })) as { dir: string };
    expect(r.dir).toBe(chosen);
    expect(fs.existsSync(path.join(chosen, 'metrics.json'))).toBe(true);
    // The choice is for one export: a second write needs a second choice.
    await expect(service.handle('report.export', { runId, dir: chosen })).rejects.toThrow(/save dialog/);
  });
});
