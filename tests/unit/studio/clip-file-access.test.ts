import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipDetail, ClipPage } from '../../../src/common/contract.js';
import { answerStudioUrl } from '../../../src/main/studio-protocol.js';
import { startHarness, type Harness } from '../server/harness.js';
import { toneWav } from './fixtures.js';

const SECRET = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n';

describe('a manifest that names a file outside the project which is not audio', () => {
  let h: Harness;
  let secretId: number;
  let audioId: number;
  beforeAll(async () => {
    h = await startHarness();
    const corpus = path.join(h.dir, 'corpus');
    fs.mkdirSync(corpus);
    const secret = path.join(h.dir, 'id_ed25519');
    fs.writeFileSync(secret, SECRET);
    fs.writeFileSync(path.join(corpus, 'a.wav'), toneWav(300));
    fs.writeFileSync(path.join(corpus, 'manifest.csv'), `file,label\na.wav,happy\n${secret},sad\n`);
    const done = new Promise<void>((resolve) => h.service.on('import.done', () => resolve()));
    await h.service.handle('import.start', { source: path.join(corpus, 'manifest.csv') });
    await done;
    const page = (await h.service.handle('clips.list', {})) as ClipPage;
    secretId = page.rows.find((r) => r.path.endsWith('id_ed25519'))?.id ?? -1;
    audioId = page.rows.find((r) => r.path.endsWith('a.wav'))?.id ?? -1;
  });
  afterAll(async () => {
    await h.close();
  });

  it('is a rejected clip whose reason names its kind but never quotes it', async () => {
    const page = (await h.service.handle('clips.list', {})) as ClipPage;
    const row = page.rows.find((r) => r.id === secretId);
    expect(row?.status).toBe('rejected');
    expect(row?.reason).toMatch(/not audio: .* is text/);
    expect(JSON.stringify(page)).not.toMatch(/BEGIN|OPENSSH|b3Bl/);
    // so the Review screen never asks for its bytes
    expect(((await h.service.handle('clips.get', { id: secretId })) as ClipDetail).playable).toBe(false);
    expect(((await h.service.handle('clips.get', { id: audioId })) as ClipDetail).playable).toBe(true);
  });

  it('is never served, in web mode or over studio://; real audio still is', async () => {
    const web = await h.api(`/api/clips/${secretId}/audio`);
    expect(web.status).toBe(404);
    expect(await web.text()).not.toMatch(/BEGIN|OPENSSH/);
    const proto = await answerStudioUrl(h.service, h.staticDir, `studio://app/api/clips/${secretId}/audio`);
    expect(proto.status).toBe(404);
    expect(new TextDecoder().decode(proto.body)).not.toMatch(/BEGIN|OPENSSH/);
    const ok = await h.api(`/api/clips/${audioId}/audio`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('audio/wav');
  });

  it('an audio clip whose file was replaced by something else is not served either', async () => {
    const page = (await h.service.handle('clips.list', {})) as ClipPage;
    const file = page.rows.find((r) => r.id === audioId)?.path ?? '';
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, SECRET);
    try {
      expect((await h.api(`/api/clips/${audioId}/audio`)).status).toBe(404);
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});
