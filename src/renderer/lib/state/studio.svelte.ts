import type { ProjectInfo } from '../../../common/contract.js';
import type { AppClient } from '../client/index.js';
import { errorOf } from '../util/errors.js';
import { toLabels } from '../util/labels.js';
import type { ScreenId } from '../../screens/screen-ids.js';

/** App-wide state: the client, the project's summary and label set, which screen is shown. */
class Studio {
  #client = $state.raw<AppClient | null>(null);
  screen = $state<ScreenId>('clips');
  project = $state.raw<ProjectInfo | null>(null);
  projectError = $state<string | null>(null);
  /** A short message about the last app-wide action (undo etc.), read out by screen readers. */
  notice = $state<string>('');
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;

  get client(): AppClient {
    if (!this.#client) throw new Error('the studio client is not connected yet');
    return this.#client;
  }

  get connected(): boolean {
    return this.#client !== null;
  }

  /** The project's label set: the words keys 1-9 set, in order. */
  labels = $derived<string[]>(this.project?.labels ?? []);
  /** The model in use (the engine's current-model rule): Predict, the clip table and the sidebar follow it. */
  model = $derived(this.project?.currentModel ?? null);
  hasModel = $derived(this.model !== null);

  connect(client: AppClient): void {
    this.#client = client;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    this.projectError = await errorOf(async () => {
      this.project = await this.client.request('project.info', {});
    });
  }

  async setLabels(labels: string[]): Promise<void> {
    const result = await this.client.request('labels.set', { labels: toLabels(labels) });
    if (this.project) this.project = { ...this.project, labels: result.labels };
  }

  /** Makes a run the model in use (null: the newest evaluated run again); the engine checks it may be. */
  async chooseModel(runId: number | null): Promise<void> {
    const currentModel = await this.client.request('model.choose', { runId });
    if (this.project) this.project = { ...this.project, currentModel };
  }

  go(screen: ScreenId): void {
    this.screen = screen;
  }

  say(message: string): void {
    this.notice = message;
    clearTimeout(this.#noticeTimer);
    this.#noticeTimer = setTimeout(() => (this.notice = ''), 4000);
  }
}

export const studio = new Studio();
