/** Writing to stdout before the process exits. */
import { MisuseError } from '../openapi/errors.ts';

/**
 * Writes `text` and a newline to stdout and resolves once it is handed to the OS: a long output to a
 * pipe is not cut by the exit that follows. A write that fails (a closed pipe, a full disk) rejects
 * with the misuse STDOUT_NOT_WRITABLE (exit 2), never an unhandled error whose exit 1 would read as
 * "new failures".
 */
export function writeStdout(text: string, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  return new Promise((done, fail) => {
    const failed = (e: Error) =>
      fail(new MisuseError('STDOUT_NOT_WRITABLE', 'stdout', e.message, 'write to a file or a pipe that is read'));
    // Left in place after a failed write: the stream also emits the error, after this callback.
    out.once('error', failed);
    out.write(`${text}\n`, (e) => {
      if (e) return failed(e);
      out.removeListener('error', failed);
      done();
    });
  });
}
