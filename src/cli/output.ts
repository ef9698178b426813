/**
 * Line output for CLI commands that may print millions of lines: waits for `drain` so memory stays
 * flat, and treats a closed pipe (`… | head`) as the reader having seen enough.
 */

/** Writes one line (a newline is appended). */
export interface LineWriter {
  write(line: string): Promise<void>;
}

/** A {@link LineWriter} on stdout. */
export function stdoutWriter(stream: NodeJS.WritableStream = process.stdout): LineWriter {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      closed = true;
      process.exit(process.exitCode ?? 0);
    }
  });
  return {
    async write(line: string): Promise<void> {
      if (closed) return;
      if (!stream.write(`${line}\n`)) {
        await new Promise<void>((resolve) => stream.once('drain', resolve));
      }
    },
  };
}
