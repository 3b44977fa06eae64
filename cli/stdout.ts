/** Writing to stdout before the process exits. */

/** Writes `text` and a newline to stdout and resolves once it is handed to the OS: a long output to a pipe is not cut by the exit that follows. */
export function writeStdout(text: string): Promise<void> {
  return new Promise((done) => process.stdout.write(`${text}\n`, () => done()));
}
