import { setImmediate as macrotask } from 'node:timers/promises';
import type { AgreementItem } from '../../dataset/consensus.js';
import type { AgreementReport } from '../../../common/contract.js';
import { AgreementReader } from '../../dataset/node/annotations-repo.js';
import type { Project } from '../../dataset/node/project.js';
import { runInSlices, share } from '../../util/run-in-slices.js';
import { agreementSteps, computeAgreement } from '../agreement.js';

/** The project's agreement figures, as the Agreement screen, the report and `ser stats --agreement` show them. */
export function projectAgreement(project: Project): AgreementReport {
  return computeAgreement(
    project.annotations.agreementItems(),
    project.settings.labelSet(),
    project.annotations.tieRule(),
  );
}

/** Reading's share of the work, for progress: a page of rows costs little beside the pairs of annotators. */
const READING = 0.1;

/**
 * projectAgreement in slices: the annotations read a page at a time and the figures computed in steps, with
 * the event loop free between slices, so a server or the app's main process keeps answering while a project
 * of many annotators is measured. `onProgress` hears the share done after each slice (only a computation
 * longer than a slice has any).
 */
export function projectAgreementInSlices(
  project: Project,
  opts: { onProgress?: (share: number) => void } = {},
): Promise<AgreementReport> {
  return runInSlices(projectAgreementSteps(project), {
    pause: () => macrotask(),
    onProgress: opts.onProgress,
  });
}

/** The steps projectAgreementInSlices runs: reading, then computing, each yielding the share done. */
export function* projectAgreementSteps(project: Project): Generator<number, AgreementReport, void> {
  const labelSet = project.settings.labelSet();
  const tieRule = project.annotations.tieRule();
  const items = yield* share(readSteps(project), 0, READING);
  return yield* share(agreementSteps(items, labelSet, tieRule), READING, 1);
}

function* readSteps(project: Project): Generator<number, AgreementItem[], void> {
  const last = Math.max(1, project.annotations.lastAnnotatedClip());
  const reader = new AgreementReader(project.annotations);
  while (reader.readPage()) yield Math.min(1, reader.lastClip / last);
  return reader.items();
}
