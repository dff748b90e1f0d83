import type { ImportProgress, ImportSummary } from '../../../common/contract.js';
import { messageOf } from '../util/errors.js';
import { clips } from './clips-query.svelte.js';
import { studio } from './studio.svelte.js';

export type ImportPhase = 'idle' | 'uploading' | 'importing' | 'done' | 'error';

/** One import at a time, followed through import.* events; the summary (with rejected files) stays shown. */
class ImportState {
  phase = $state<ImportPhase>('idle');
  jobId = $state<string | null>(null);
  progress = $state.raw<ImportProgress | null>(null);
  upload = $state<{ done: number; total: number; file: string } | null>(null);
  summary = $state.raw<ImportSummary | null>(null);
  error = $state<string | null>(null);

  busy = $derived(this.phase === 'uploading' || this.phase === 'importing');

  attach(): () => void {
    const client = studio.client;
    const offs = [
      client.on('import.progress', (p) => {
        if (this.jobId === null || p.jobId === this.jobId) {
          this.jobId = p.jobId;
          this.phase = 'importing';
          this.progress = p;
        }
      }),
      client.on('import.done', (d) => {
        if (!this.#mine(d.jobId)) return;
        this.jobId = d.jobId;
        this.summary = d.summary;
        this.phase = 'done';
        clips.refresh();
        void studio.refresh();
      }),
      client.on('import.error', (d) => {
        if (!this.#mine(d.jobId)) return;
        this.jobId = d.jobId;
        this.error = d.message;
        this.phase = 'error';
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  async start(source: string): Promise<void> {
    this.#begin('importing');
    try {
      const { jobId } = await studio.client.request('import.start', { source });
      this.jobId = jobId;
    } catch (err) {
      this.#fail(err);
    }
  }

  async uploadAndImport(files: File[]): Promise<void> {
    const upload = studio.client.uploadFiles;
    if (!upload || files.length === 0) return;
    this.#begin('uploading');
    try {
      const folder = await upload(files, (done, total, file) => (this.upload = { done, total, file }));
      await this.start(folder);
    } catch (err) {
      this.#fail(err);
    }
  }

  dismiss(): void {
    if (this.busy) return;
    this.phase = 'idle';
    this.summary = null;
    this.error = null;
    this.progress = null;
  }

  /** A small import can finish before import.start has even answered with its job id. */
  #mine(jobId: string): boolean {
    return this.jobId === jobId || (this.jobId === null && this.phase === 'importing');
  }

  #begin(phase: ImportPhase): void {
    this.phase = phase;
    this.jobId = null;
    this.progress = null;
    this.upload = null;
    this.summary = null;
    this.error = null;
  }

  #fail(err: unknown): void {
    this.error = messageOf(err);
    this.phase = 'error';
  }
}

export const importing = new ImportState();
