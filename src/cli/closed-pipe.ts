/**
 * A reader that went away (`ser stats | head -1`) ends the command quietly, as SIGPIPE ends other tools:
 * Node ignores SIGPIPE, and the write error it reports instead would otherwise end in a stack trace. Ending
 * there is safe: every write to a project is a transaction, and a run whose process ended is recognised.
 */
export function endQuietlyOnClosedPipe(
  stream: NodeJS.WritableStream,
  end: () => void = () => process.exit(0),
): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    end();
  });
}
