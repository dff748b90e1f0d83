import type { StudioEvents } from '../../common/contract.js';
import type { Project } from '../dataset/node/project.js';
import type { ClipTable } from './clip-table.js';
import type { TypedEmitter } from '../util/emitter.js';
import type { JobSlots } from './job-slots.js';
import type { ModelCache } from './model-cache.js';
import type { TrainingHost } from './training-host.js';

/** What every request handler may use: one open project and the service's shared parts. */
export interface StudioContext {
  readonly project: Project;
  readonly table: ClipTable;
  readonly mode: 'electron' | 'web';
  readonly events: TypedEmitter<StudioEvents>;
  readonly jobs: JobSlots;
  readonly trainingHost: TrainingHost;
  readonly models: ModelCache;
  readonly nativeBinding?: string;
  /** Folders the user chose in the desktop app's save dialog: the only ones report.export may write to. */
  readonly exportFolders: Set<string>;
  /** For messages that only the project's owner needs (a crashed job's stack), never sent to a client. */
  readonly log: (message: string) => void;
}
