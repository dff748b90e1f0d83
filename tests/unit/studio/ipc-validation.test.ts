import { describe, expect, it } from 'vitest';
import { isTrustedSender, safeFolderName, validateIpcRequest } from '../../../src/main/ipc-validation.js';

describe('IPC validation in the main process', () => {
  it('rejects unknown methods and non-string methods', () => {
    expect(validateIpcRequest('fs.readFile', {})).toEqual({
      ok: false,
      error: 'unknown request: fs.readFile',
    });
    expect(validateIpcRequest('__proto__', {})).toMatchObject({ ok: false });
    expect(validateIpcRequest('toString', {})).toMatchObject({ ok: false });
    expect(validateIpcRequest(42, {})).toEqual({ ok: false, error: 'unknown request: number' });
  });

  it('rejects bad params naming the field', () => {
    const r = validateIpcRequest('clips.relabel', { ids: [-1], label: 'sad' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/invalid clips\.relabel request \(ids\.0\)/);
    expect(validateIpcRequest('train.start', { epochs: 0 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/\(epochs\)/),
    });
    expect(validateIpcRequest('project.info', { extra: true })).toMatchObject({ ok: false });
    expect(validateIpcRequest('import.start', { source: '' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/source/),
    });
    expect(validateIpcRequest('predict.audio', { name: 'a.wav', data: 'AAAA' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/\(data\)/),
    });
  });

  it('accepts good params and fills the defaults', () => {
    const r = validateIpcRequest('clips.list', { filter: { label: 'happy' } });
    expect(r).toEqual({
      ok: true,
      method: 'clips.list',
      params: { filter: { label: 'happy' }, sort: 'path', desc: false, offset: 0, limit: 200 },
    });
    expect(
      validateIpcRequest('predict.audio', { name: 'a.wav', data: new Uint8Array([1, 2]) }),
    ).toMatchObject({ ok: true });
    expect(validateIpcRequest('project.info', undefined)).toMatchObject({ ok: true });
  });

  it('trusts only the app page and the dev server', () => {
    expect(isTrustedSender('studio://app/index.html')).toBe(true);
    expect(isTrustedSender('studio://other/index.html')).toBe(false);
    expect(isTrustedSender('file:///etc/passwd')).toBe(false);
    expect(isTrustedSender('https://example.com/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('makes a safe default folder name', () => {
    expect(safeFolderName('../report: run 1', 'x')).toBe('_report_ run 1');
    expect(safeFolderName(7, 'fallback')).toBe('fallback');
    expect(safeFolderName('...', 'fallback')).toBe('fallback');
  });
});
