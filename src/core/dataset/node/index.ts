// Public surface of the dataset engine: projects, their clips and labels, imports, splits, the feature cache.

export { openProject, Project, ProjectNotFoundError } from './project.js';
export { projectPaths, defaultProjectDir, userDataDir, type ProjectPaths } from './project-paths.js';
export { openDatabase, migrate, SchemaTooNewError } from './db.js';
export type { Db } from './db-handle.js';
export { SCHEMA_VERSION } from './migrations.js';
export { type ClipOrder } from './clip-query.js';
export { ClipsRepo, type DatasetStats, type LabelledClip } from './clips-repo.js';
export { LabelsRepo, type LabelChange, type RelabelResult, type UndoResult } from './labels-repo.js';
export { RunsRepo, type NewRun, type RunUpdate, type NewEpoch, type NewPrediction } from './runs-repo.js';
export { SettingsRepo } from './settings-repo.js';
export {
  CANONICAL_LABELS,
  DEFAULT_LABEL_SET,
  canonicalLabel,
  isCanonicalLabel,
  parseLabelList,
  UnknownLabelError,
  type CanonicalLabel,
} from '../labels.js';
export { matchConvention, type ConventionMatch, type CorpusName } from '../conventions.js';
export { resolveOrigin, UNKNOWN_SPEAKER, type ClipOrigin, type ManifestEntry } from './origin.js';
export { importSource, type ImportOptions, type ImportProgress } from './importer.js';
export { UNLABELLED_KEY, type ImportSummary } from '../import-summary.js';
export { AUDIO_EXTENSIONS, isAudioFileName, planImport, type ImportPlan } from './scan.js';
export {
  readManifest,
  parseManifest,
  formatManifest,
  ManifestError,
  MANIFEST_NAME,
  type Manifest,
} from './manifest.js';
export { exportManifest } from './export-manifest.js';
export { FeatureStore } from './feature-store.js';
export {
  speakerSplit,
  speakerKFold,
  leaveOneSpeakerOut,
  randomSplit,
  DEFAULT_FRACTIONS,
  RANDOM_SPLIT_WARNING,
  type SplitRow,
  type SplitFractions,
  type DatasetSplit,
  type Fold,
  type FoldOptions,
} from '../splits.js';
export * from '../types.js';
