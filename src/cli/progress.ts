import cliProgress from 'cli-progress';

/** A progress bar for long commands; silent when the stream isn't a terminal, so logs and pipes stay clean. */
export interface Progress {
  update(done: number, total: number, detail?: string): void;
  stop(): void;
}

export function createProgress(
  label: string,
  opts: { stream?: NodeJS.WriteStream; enabled?: boolean } = {},
): Progress {
  const stream = opts.stream ?? process.stderr;
  if (!(opts.enabled ?? stream.isTTY)) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {value}/{total} {percentage}% | ETA {eta_formatted} | {detail}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, detail = '') {
      // Long file names would wrap and break the redraw.
      const shown = detail.length > 40 ? `…${detail.slice(-39)}` : detail;
      if (!started) {
        bar.start(total, done, { detail: shown });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { detail: shown });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
