import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import type { Project } from '../dataset/node/project.js';
import { badRequest, notFound } from './errors.js';

export function reportDirOf(project: Project, runId: number): string {
  const run = project.runs.get(runId);
  if (!run) throw notFound(`no run with id ${runId}`);
  if (!run.reportDir || !fs.existsSync(run.reportDir)) {
    throw notFound(
      `run ${runId} has no report${run.status === 'running' ? ' yet: it is still running' : ''}`,
    );
  }
  return run.reportDir;
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/** Copies a run's report folder into `dest` (created if needed); returns the files written. */
export async function exportReport(
  project: Project,
  runId: number,
  dest: string,
): Promise<{ dir: string; files: string[] }> {
  const src = reportDirOf(project, runId);
  const target = path.resolve(dest);
  if (target === path.resolve(src)) throw badRequest('choose another folder than the report itself');
  if (fs.existsSync(target) && !fs.statSync(target).isDirectory())
    throw badRequest(`not a folder: ${target}`);
  await fs.promises.mkdir(target, { recursive: true });
  await fs.promises.cp(src, target, { recursive: true, force: true });
  return { dir: target, files: listFiles(src).map((f) => path.join(target, f)) };
}

export function reportFolderName(runId: number): string {
  return `emotion-studio-report-run-${runId}`;
}

/** The report folder as one zip (a browser download), its files under one top folder. */
export async function reportZip(
  project: Project,
  runId: number,
): Promise<{ bytes: Uint8Array; name: string }> {
  const src = reportDirOf(project, runId);
  const top = reportFolderName(runId);
  const entries: Zippable = {};
  for (const rel of listFiles(src)) {
    entries[`${top}/${rel}`] = new Uint8Array(await fs.promises.readFile(path.join(src, rel)));
  }
  // PNGs are already compressed; level 6 is plenty for the HTML/CSV/JSON beside them.
  return { bytes: zipSync(entries, { level: 6 }), name: `${top}.zip` };
}
