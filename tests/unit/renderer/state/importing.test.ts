import { describe, expect, it, vi } from 'vitest';
import type { ImportProgress, ImportSummary } from '../../../../src/common/contract.js';
import type { AppClient, UploadProgress } from '../../../../src/renderer/lib/client/index.js';
import { deferred, fakeClient, settle } from './fake-client.js';

function progress(jobId: string, done: number): ImportProgress {
  return { jobId, done, total: 10, file: `${done}.wav`, added: done, rejected: 0 };
}

const SUMMARY = { source: '/data/corpus', scanned: 10, added: 9 } as ImportSummary;

/**
 * Fresh state modules over a fake engine; import.start answers job 'j1' when the test resolves `started`
 * (or at once when it was resolved before), `uploadFiles` stands in for web mode's upload.
 */
async function setup(extra: Partial<AppClient> = {}) {
  vi.resetModules();
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { importing } = await import('../../../../src/renderer/lib/state/importing.svelte.js');
  const started = deferred<{ jobId: string }>();
  const fake = fakeClient(
    {
      'project.info': () => ({ labels: ['happy', 'sad'], stats: { clips: 0 } }),
      'clips.list': () => ({ rows: [], total: 0, offset: 0 }),
      'import.start': () => started.promise,
    },
    extra,
  );
  studio.connect(fake.client);
  await settle();
  const detach = importing.attach();
  return { importing, started, detach, ...fake };
}

describe('import state', () => {
  it('follows the import it started, ignoring another job, and shows its summary; the clips and project reload', async () => {
    const { importing, started, emit, sent } = await setup();
    const starting = importing.start('/data/corpus');
    expect(importing.phase).toBe('importing');
    expect(importing.busy).toBe(true);
    started.resolve({ jobId: 'j1' });
    await starting;
    expect(sent('import.start')).toEqual([{ source: '/data/corpus' }]);
    expect(importing.jobId).toBe('j1');

    emit('import.progress', progress('j1', 3));
    emit('import.progress', progress('j2', 7)); // another window's import
    expect(importing.progress?.done).toBe(3);
    emit('import.done', { jobId: 'j2', summary: { ...SUMMARY, added: 1 } });
    expect(importing.phase).toBe('importing');

    const lists = sent('clips.list').length;
    const infos = sent('project.info').length;
    emit('import.done', { jobId: 'j1', summary: SUMMARY });
    expect(importing.phase).toBe('done');
    expect(importing.summary).toEqual(SUMMARY);
    expect(importing.busy).toBe(false);
    await settle();
    expect(sent('clips.list').length).toBeGreaterThan(lists);
    expect(sent('project.info').length).toBe(infos + 1);
  });

  it('takes the result of a small import that finished before its job id came back', async () => {
    const { importing, started, emit } = await setup();
    const starting = importing.start('/data/small');
    emit('import.done', { jobId: 'j1', summary: SUMMARY });
    expect(importing.phase).toBe('done');
    expect(importing.summary).toEqual(SUMMARY);
    started.resolve({ jobId: 'j1' });
    await starting;
    expect(importing.phase).toBe('done');
  });

  it("shows an import's failure, and a refused start's", async () => {
    const { importing, started, emit } = await setup();
    const starting = importing.start('/data/corpus');
    started.resolve({ jobId: 'j1' });
    await starting;
    emit('import.error', { jobId: 'j2', message: 'not ours' });
    expect(importing.phase).toBe('importing');
    emit('import.error', { jobId: 'j1', message: 'disk full' });
    expect(importing.phase).toBe('error');
    expect(importing.error).toBe('disk full');

    const second = await setup();
    const refused = second.importing.start('/nowhere');
    second.started.reject(new Error('no such folder: /nowhere'));
    await refused;
    expect(second.importing.phase).toBe('error');
    expect(second.importing.error).toBe('no such folder: /nowhere');
  });

  it('ignores the end of an import nobody here started while idle, and follows one that reports progress', async () => {
    const { importing, emit } = await setup();
    emit('import.done', { jobId: 'x', summary: SUMMARY });
    emit('import.error', { jobId: 'x', message: 'elsewhere' });
    expect(importing.phase).toBe('idle');
    expect(importing.summary).toBeNull();
    emit('import.progress', progress('cli', 2)); // started in another window: shown from here on
    expect(importing.phase).toBe('importing');
    expect(importing.jobId).toBe('cli');
    emit('import.done', { jobId: 'cli', summary: SUMMARY });
    expect(importing.phase).toBe('done');
  });

  it('uploads picked files with their progress, then imports the folder they went to', async () => {
    const uploaded = deferred<string>();
    let report: UploadProgress | undefined;
    const uploadFiles = vi.fn((_files: File[], onProgress?: UploadProgress) => {
      report = onProgress;
      return uploaded.promise;
    });
    const { importing, started, sent } = await setup({ uploadFiles });
    const files = [new File([new Uint8Array(4)], 'a.wav'), new File([new Uint8Array(4)], 'b.wav')];
    const going = importing.uploadAndImport(files);
    expect(importing.phase).toBe('uploading');
    expect(importing.busy).toBe(true);
    expect(uploadFiles).toHaveBeenCalledWith(files, expect.any(Function));
    report!(1, 2, 'a.wav');
    expect(importing.upload).toEqual({ done: 1, total: 2, file: 'a.wav' });
    uploaded.resolve('/project/uploads/batch-1');
    started.resolve({ jobId: 'j1' });
    await going;
    expect(sent('import.start')).toEqual([{ source: '/project/uploads/batch-1' }]);
    expect(importing.phase).toBe('importing');
  });

  it('a failed upload says why and imports nothing', async () => {
    const uploadFiles = () => Promise.reject(new Error('upload too large'));
    const { importing, sent } = await setup({ uploadFiles });
    await importing.uploadAndImport([new File([new Uint8Array(4)], 'a.wav')]);
    expect(importing.phase).toBe('error');
    expect(importing.error).toBe('upload too large');
    expect(sent('import.start')).toEqual([]);
  });

  it('without an upload (the desktop app) or files, uploading does nothing', async () => {
    const { importing, sent } = await setup();
    await importing.uploadAndImport([new File([new Uint8Array(4)], 'a.wav')]);
    expect(importing.phase).toBe('idle');
    const uploadFiles = vi.fn(() => Promise.resolve('/project/uploads/none'));
    const withUpload = await setup({ uploadFiles });
    void withUpload.importing.uploadAndImport([]);
    expect(withUpload.importing.phase).toBe('idle');
    expect(uploadFiles).not.toHaveBeenCalled();
    expect(sent('import.start')).toEqual([]);
  });

  it('is dismissed once over, not while it runs; a new import forgets the last one', async () => {
    const { importing, started, emit } = await setup();
    const starting = importing.start('/data/corpus');
    importing.dismiss();
    expect(importing.phase).toBe('importing');
    started.resolve({ jobId: 'j1' });
    await starting;
    emit('import.progress', progress('j1', 5));
    emit('import.done', { jobId: 'j1', summary: SUMMARY });
    importing.dismiss();
    expect(importing.phase).toBe('idle');
    expect(importing.summary).toBeNull();
    expect(importing.progress).toBeNull();

    emit('import.error', { jobId: 'j1', message: 'late' });
    void importing.start('/data/other');
    expect(importing.error).toBeNull();
    expect(importing.jobId).toBeNull();
  });

  it('stops listening when detached', async () => {
    const { importing, emit, detach } = await setup();
    detach();
    emit('import.progress', progress('j9', 1));
    expect(importing.phase).toBe('idle');
  });
});
