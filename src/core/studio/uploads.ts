import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { badRequest } from './errors.js';

/** Batch ids name a folder: the client may choose one (letters, digits, dashes) or let the server. */
const BATCH_PATTERN = /^[0-9A-Za-z][0-9A-Za-z_-]{0,79}$/;
const MAX_NAME_LENGTH = 160;

/**
 * A file name a browser sent, made safe to create inside the uploads folder: no folders, no control or
 * reserved characters, no leading dots (hidden files are skipped by the importer), the extension kept.
 */
export function safeFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (name.length > MAX_NAME_LENGTH) {
    const ext = path.extname(name).slice(0, 16);
    name = name.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return name || 'upload';
}

export function newBatchId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-').toLowerCase();
  return `batch-${stamp}-${randomBytes(4).toString('hex')}`;
}

export interface UploadTarget {
  batch: string;
  dir: string;
  path: string;
}

/**
 * Reserves a new file for one upload under `<project>/uploads/<batch>/`: the file is created empty and
 * exclusively, so two uploads of the same name never overwrite each other (the second gets " (1)").
 */
export function reserveUpload(uploadsDir: string, rawName: string, batch?: string): UploadTarget {
  if (batch !== undefined && !BATCH_PATTERN.test(batch)) throw badRequest(`bad upload batch id: ${batch}`);
  const id = batch ?? newBatchId();
  const dir = path.join(uploadsDir, id);
  fs.mkdirSync(dir, { recursive: true });
  const name = safeFileName(rawName);
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 0; i < 1000; i++) {
    const candidate = path.join(dir, i === 0 ? name : `${stem} (${i})${ext}`);
    try {
      fs.closeSync(fs.openSync(candidate, 'wx'));
      return { batch: id, dir, path: candidate };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw badRequest(`too many uploads named ${name}`);
}
