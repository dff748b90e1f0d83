// Agreement on projects of many annotators: 1,000 annotators x 83 clips (half a million pairs of annotators)
// and 20 annotators x 10,000 clips. For each, the wall time of `agreement.get` on a web-mode server, the
// longest a project.info asked again and again meanwhile waited for its answer (beside what it takes on an
// idle server, the event loop's longest delay, and the longest the computation alone held the thread between
// two pauses, with the machine's load average), and the wall time of
// `ser stats --agreement`; for the second, also the plain formulas that ran before (tests/unit/agreement/
// reference-agreement.ts, which blocked the thread throughout; on the first they did not finish in 60 s).
// Prints one JSON line: {"bench":"agreement","cases":[{"annotators":1000,"clips":83,"wall_ms":...,...}]}.
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AgreementReport } from '../src/common/contract.js';
import { setImmediate as macrotask } from 'node:timers/promises';
import { projectAgreementSteps } from '../src/core/agreement/node/project-agreement.js';
import { openProject } from '../src/core/dataset/node/project.js';
import { runInSlices } from '../src/core/util/run-in-slices.js';
import { createStudioService } from '../src/core/studio/service.js';
import { startServer } from '../src/server/server.js';
import { fillWithAnnotators } from '../tests/support/many-annotators.js';
import { referenceAgreement } from '../tests/unit/agreement/reference-agreement.js';

const CASES = [
  { annotators: 1000, clips: 83, reference: false },
  { annotators: 20, clips: 10_000, reference: true },
];

async function measure(c: (typeof CASES)[number]): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-agreement-'));
  const projectDir = path.join(dir, 'p');
  const project = openProject(projectDir, { create: true });
  fillWithAnnotators(project.db, c.annotators, c.clips);
  // The longest the computation holds the thread between two pauses: what it alone makes a request wait,
  // whatever else the machine runs (the waits measured over HTTP below include the machine's load).
  let longestSlice = 0;
  let resumed = performance.now();
  await runInSlices(projectAgreementSteps(project), {
    pause: async () => {
      longestSlice = Math.max(longestSlice, performance.now() - resumed);
      await macrotask();
      resumed = performance.now();
    },
  });
  longestSlice = Math.max(longestSlice, performance.now() - resumed);
  let referenceMs: number | undefined;
  if (c.reference) {
    const items = project.annotations.agreementItems();
    const t = performance.now();
    referenceAgreement(items, project.settings.labelSet(), project.annotations.tieRule());
    referenceMs = Math.round(performance.now() - t);
  }
  project.close();

  const service = createStudioService({ projectDir, mode: 'web', log: () => {} });
  const server = await startServer({ service, staticDir: null, log: () => {} });
  const base = `http://127.0.0.1:${server.port}`;
  const auth = { Authorization: `Bearer ${server.token}` };
  try {
    const info = async (): Promise<number> => {
      const t = performance.now();
      await fetch(`${base}/api/rpc/project.info`, { method: 'POST', headers: auth, body: '{}' });
      return performance.now() - t;
    };
    // What answering project.info takes with nothing else running, the floor of the waits below.
    let idle = Infinity;
    for (let i = 0; i < 5; i++) idle = Math.min(idle, await info());
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    let done = false;
    const started = performance.now();
    const agreement = fetch(`${base}/api/rpc/agreement.get`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    }).then(async (res) => {
      const body = (await res.json()) as { result: AgreementReport };
      done = true;
      return { ms: performance.now() - started, report: body.result };
    });
    let maxWait = 0;
    let answers = 0;
    while (!done) {
      maxWait = Math.max(maxWait, await info());
      answers++;
    }
    const { ms, report } = await agreement;
    loop.disable();
    await server.close();
    await service.close();

    const t = performance.now();
    const cli = spawnSync(process.execPath, ['bin/ser.js', 'stats', '--agreement', '--project', projectDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (cli.status !== 0) throw new Error(`ser stats --agreement exited with ${cli.status}`);
    return {
      annotators: c.annotators,
      clips: c.clips,
      annotations: c.annotators * c.clips,
      wall_ms: Math.round(ms),
      server_max_wait_ms: Math.round(maxWait),
      server_idle_answer_ms: Math.round(idle),
      event_loop_max_delay_ms: Math.round(loop.max / 1e6),
      longest_slice_ms: Math.round(longestSlice),
      load_average: Number(os.loadavg()[0].toFixed(1)),
      server_answers_meanwhile: answers,
      cli_ms: Math.round(performance.now() - t),
      pairs_listed: report.pairs.length,
      pairs_left_out: report.pairsLeftOut,
      ...(referenceMs === undefined ? {} : { before_blocking_ms: referenceMs }),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const cases: Array<Record<string, number>> = [];
for (const c of CASES) cases.push(await measure(c));
process.stdout.write(`${JSON.stringify({ bench: 'agreement', cases })}\n`);
