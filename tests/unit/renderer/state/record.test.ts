import { describe, expect, it, vi } from 'vitest';
import type { RecordingSessionDetail } from '../../../../src/common/contract.js';
import { deferred, fakeClient, settle } from './fake-client.js';

const PROMPTS = ['Der Lappen liegt auf dem Eisschrank.', 'Das will sie am Mittwoch abgeben.'];

/** A session of two prompts in two emotions (four takes), `kept` of the plan's takes kept. */
function session(id: number, kept: number[] = [], position = kept.length): RecordingSessionDetail {
  return {
    id,
    speaker: 'newvoice01',
    prompts: PROMPTS,
    emotions: ['happy', 'sad'],
    state: 'active',
    position,
    total: 4,
    kept: kept.length,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    takes: kept.map((index) => ({ index, clipId: 100 + index, durationS: 2 })),
  };
}

/** Fresh state modules over a fake engine whose sessions live in `store`; saveTake keeps a take there. */
async function setup() {
  vi.resetModules();
  const { studio } = await import('../../../../src/renderer/lib/state/studio.svelte.js');
  const { recording } = await import('../../../../src/renderer/lib/state/record.svelte.js');
  const store = new Map<number, RecordingSessionDetail>([[1, session(1, [0, 1])]]);
  const state = { fail: null as Error | null, hold: null as ReturnType<typeof deferred<void>> | null };
  const answer = async <T>(value: () => T): Promise<T> => {
    await state.hold?.promise;
    if (state.fail) throw state.fail;
    return value();
  };
  const fake = fakeClient({
    'project.info': () => ({ labels: ['happy', 'sad'], stats: { clips: 0 } }),
    'record.sessions': () => answer(() => [...store.values()]),
    'record.start': (p: { speaker: string; prompts: string[]; emotions: string[] }) =>
      answer(() => {
        const s = { ...session(2), speaker: p.speaker, prompts: p.prompts, emotions: p.emotions };
        store.set(2, s);
        return s;
      }),
    'record.resume': (p: { id: number }) => answer(() => store.get(p.id)!),
    'record.pause': (p: { id: number }) => answer(() => ({ ...store.get(p.id)!, state: 'paused' })),
    'record.saveTake': (p: { sessionId: number; index: number; replace: boolean }) =>
      answer(() => {
        const before = store.get(p.sessionId)!;
        const kept = [...new Set([...before.takes.map((t) => t.index), p.index])].sort();
        let position = 0;
        while (kept.includes(position)) position++;
        const s = session(p.sessionId, kept, position);
        store.set(p.sessionId, s);
        return { clipId: 100 + p.index, replaced: p.replace, session: s };
      }),
  });
  studio.connect(fake.client);
  await settle();
  return { recording, studio, state, ...fake };
}

const WAV = new Uint8Array([82, 73, 70, 70]);

describe('record state', () => {
  it('lists the sessions; a failed list says why', async () => {
    const { recording, state } = await setup();
    await recording.load();
    expect(recording.sessions.map((s) => s.id)).toEqual([1]);
    expect(recording.error).toBeNull();
    state.fail = new Error('project is read-only');
    await recording.load();
    expect(recording.error).toBe('project is read-only');
    expect(recording.busy).toBe(false);
  });

  it('starts a session with the canonical emotions only, at its first take, the plan emotion by emotion', async () => {
    const { recording, sent } = await setup();
    expect(await recording.start('newvoice01', PROMPTS, ['happy', 'Sad?', 'sad'])).toBe(true);
    expect(sent('record.start')).toEqual([
      { speaker: 'newvoice01', prompts: PROMPTS, emotions: ['happy', 'sad'] },
    ]);
    expect(recording.session?.id).toBe(2);
    expect(recording.index).toBe(0);
    expect(recording.plan.map((p) => [p.emotion, p.promptIndex])).toEqual([
      ['happy', 0],
      ['happy', 1],
      ['sad', 0],
      ['sad', 1],
    ]);
    expect(recording.current).toMatchObject({ index: 0, prompt: PROMPTS[0], emotion: 'happy' });
    expect(recording.keptClip).toBeNull();
  });

  it('resumes where the session stands, showing what was kept there', async () => {
    const { recording } = await setup();
    await recording.resume(1);
    expect(recording.index).toBe(2);
    expect(recording.current).toMatchObject({ prompt: PROMPTS[0], emotion: 'sad' });
    recording.go(1);
    expect(recording.keptClip).toBe(101);
  });

  it('keeps a take and moves on to the next one not kept; says so', async () => {
    const { recording, studio, sent } = await setup();
    await recording.resume(1);
    expect(await recording.keep(WAV)).toBe(true);
    expect(sent('record.saveTake')).toEqual([{ sessionId: 1, index: 2, data: WAV, replace: false }]);
    expect(studio.notice).toBe('Take 3 kept.');
    expect(recording.index).toBe(3);
    expect(recording.session?.kept).toBe(3);
  });

  it('a retake of a kept take replaces it and goes back to where the session stands', async () => {
    const { recording, studio, sent } = await setup();
    await recording.resume(1);
    recording.go(0);
    expect(recording.keptClip).toBe(100);
    expect(await recording.keep(WAV)).toBe(true);
    expect(sent('record.saveTake')).toEqual([{ sessionId: 1, index: 0, data: WAV, replace: true }]);
    expect(studio.notice).toBe('Take 1 replaced.');
    expect(recording.index).toBe(2);
  });

  it('the last take kept leaves the last take shown, not one past the plan', async () => {
    const { recording } = await setup();
    await recording.resume(1);
    await recording.keep(WAV);
    await recording.keep(WAV);
    expect(recording.session).toMatchObject({ kept: 4, position: 4 });
    expect(recording.index).toBe(3);
  });

  it('a refused save keeps the take shown and says why', async () => {
    const { recording, state } = await setup();
    await recording.resume(1);
    state.fail = new Error('The take is silent');
    expect(await recording.keep(WAV)).toBe(false);
    expect(recording.error).toBe('The take is silent');
    expect(recording.index).toBe(2);
    expect(recording.session?.kept).toBe(2);
  });

  it('is busy while a request is on its way', async () => {
    const { recording, state } = await setup();
    await recording.resume(1);
    state.hold = deferred<void>();
    const keeping = recording.keep(WAV);
    await settle();
    expect(recording.busy).toBe(true);
    state.hold.resolve();
    await keeping;
    expect(recording.busy).toBe(false);
  });

  it('moves only within the plan; with no session, keeping does nothing', async () => {
    const { recording, sent } = await setup();
    expect(await recording.keep(WAV)).toBe(false);
    expect(sent('record.saveTake')).toEqual([]);
    await recording.resume(1);
    recording.go(-1);
    expect(recording.index).toBe(2);
    recording.go(4);
    expect(recording.index).toBe(2);
    recording.go(3);
    expect(recording.index).toBe(3);
  });

  it('pausing closes the session and lists the sessions again', async () => {
    const { recording, sent } = await setup();
    await recording.resume(1);
    const listed = sent('record.sessions').length;
    await recording.pause();
    expect(sent('record.pause')).toEqual([{ id: 1 }]);
    expect(recording.session).toBeNull();
    expect(sent('record.sessions').length).toBe(listed + 1);
  });
});
