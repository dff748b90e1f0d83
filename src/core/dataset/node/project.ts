import fs from 'node:fs';
import { openDatabase } from './db.js';
import type { Db } from './db-handle.js';
import { ClipsRepo } from './clips-repo.js';
import { LabelsRepo } from './labels-repo.js';
import { AnnotationsRepo } from './annotations-repo.js';
import { RecordingsRepo } from './recordings-repo.js';
import { RunsRepo } from './runs-repo.js';
import { SettingsRepo } from './settings-repo.js';
import { FeatureStore } from './feature-store.js';
import { projectPaths, type ProjectPaths } from './project-paths.js';

export class ProjectNotFoundError extends Error {
  constructor(readonly dir: string) {
    super(`no project in ${dir} (import some audio into it first, or pick another one with --project)`);
    this.name = 'ProjectNotFoundError';
  }
}

/** One open project: its database, split into small repositories by concern, and its feature cache. */
export class Project {
  readonly clips: ClipsRepo;
  readonly labels: LabelsRepo;
  readonly annotations: AnnotationsRepo;
  readonly runs: RunsRepo;
  readonly settings: SettingsRepo;
  readonly recordings: RecordingsRepo;
  private features: FeatureStore | undefined;

  constructor(
    readonly paths: ProjectPaths,
    readonly db: Db,
  ) {
    this.clips = new ClipsRepo(db);
    this.labels = new LabelsRepo(db);
    this.annotations = new AnnotationsRepo(db);
    this.runs = new RunsRepo(db);
    this.settings = new SettingsRepo(db);
    this.recordings = new RecordingsRepo(db);
  }

  get dir(): string {
    return this.paths.dir;
  }

  /** The spectrogram cache, opened on first use (most commands never need it). */
  get featureStore(): FeatureStore {
    this.features ??= FeatureStore.open(this.paths.featureCache);
    return this.features;
  }

  /** See ClipsRepo.datasetFingerprint. */
  datasetFingerprint(labels: readonly string[] = this.settings.labelSet()): string {
    return this.clips.datasetFingerprint(labels);
  }

  /** Runs `fn` in one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    this.features?.close();
    this.features = undefined;
    if (this.db.open) this.db.close();
  }
}

/** Opens the project in `dir`; with `create`, makes the folder and an empty project if there is none. */
export function openProject(dir: string, opts: { create?: boolean } = {}): Project {
  const paths = projectPaths(dir);
  if (!opts.create && !fs.existsSync(paths.database)) throw new ProjectNotFoundError(paths.dir);
  const project = new Project(paths, openDatabase(paths.database));
  // A training killed mid-run (kill -9, out of memory, power cut) must not leave its run 'running' for ever.
  try {
    project.runs.failOrphans();
  } catch {
    // the database is busy with another process: the next look at the runs marks them
  }
  return project;
}
