import type { RecordingSessionDetail, RecordingSessionSummary } from '../../../common/contract.js';
import { buildPlan, type PlanItem } from '../../../core/recording/plan.js';
import { errorOf } from '../util/errors.js';
import { toLabels } from '../util/labels.js';
import { studio } from './studio.svelte.js';

/**
 * The Record screen's lasting state: the sessions of the project and the one open, with the take shown.
 * Kept takes live in the project (each is saved when kept), so leaving the screen or closing the app loses
 * nothing but a take not kept yet.
 */
class RecordState {
  sessions = $state<RecordingSessionSummary[]>([]);
  session = $state<RecordingSessionDetail | null>(null);
  /** The take shown: its place in the plan. */
  index = $state(0);
  trim = $state(true);
  busy = $state(false);
  error = $state<string | null>(null);

  plan: PlanItem[] = $derived(this.session ? buildPlan(this.session.prompts, this.session.emotions) : []);
  current: PlanItem | null = $derived(this.plan[this.index] ?? null);
  keptClip = $derived(this.session?.takes.find((t) => t.index === this.index)?.clipId ?? null);

  async load(): Promise<void> {
    await this.run(async () => {
      this.sessions = await studio.client.request('record.sessions', {});
    });
  }

  async start(speaker: string, prompts: string[], emotions: string[]): Promise<boolean> {
    return this.run(async () => {
      this.open(
        await studio.client.request('record.start', {
          speaker,
          prompts,
          emotions: toLabels(emotions),
        }),
      );
    });
  }

  async resume(id: number): Promise<void> {
    await this.run(async () => this.open(await studio.client.request('record.resume', { id })));
  }

  async pause(): Promise<void> {
    const s = this.session;
    if (!s) return;
    await this.run(async () => {
      await studio.client.request('record.pause', { id: s.id });
      this.session = null;
      this.sessions = await studio.client.request('record.sessions', {});
    });
  }

  /** Saves the take shown (replacing a kept one); moves on to the next take not kept. */
  async keep(wav: Uint8Array<ArrayBuffer>): Promise<boolean> {
    const s = this.session;
    if (!s) return false;
    const replace = this.keptClip !== null;
    return this.run(async () => {
      const r = await studio.client.request('record.saveTake', {
        sessionId: s.id,
        index: this.index,
        data: wav,
        replace,
      });
      this.session = r.session;
      studio.say(replace ? `Take ${this.index + 1} replaced.` : `Take ${this.index + 1} kept.`);
      // a retake of an earlier take returns to where the session stands; a new take moves on
      this.index = Math.min(r.session.position, r.session.total - 1);
    });
  }

  go(index: number): void {
    if (this.session && index >= 0 && index < this.session.total) this.index = index;
  }

  private open(s: RecordingSessionDetail): void {
    this.session = s;
    this.index = Math.min(s.position, s.total - 1);
  }

  private async run(work: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    this.error = await errorOf(work);
    this.busy = false;
    return this.error === null;
  }
}

export const recording = new RecordState();
