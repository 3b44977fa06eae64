import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeStdout } from './stdout.ts';

describe('writeStdout', () => {
  it('writes the text and a newline, and resolves once written', async () => {
    let got = '';
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        got += chunk.toString();
        cb();
      },
    });
    await writeStdout('hello', out);
    expect(got).toBe('hello\n');
    expect(out.listenerCount('error')).toBe(0);
  });

  it('a write that fails (a full disk) is the misuse STDOUT_NOT_WRITABLE, not an unhandled error', async () => {
    const out = new Writable({
      write(_chunk, _enc, cb) {
        cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      },
    });
    await expect(writeStdout('x', out)).rejects.toMatchObject({ code: 'STDOUT_NOT_WRITABLE', where: 'stdout' });
    // The stream's own 'error' event, emitted after the callback, finds a listener.
    await new Promise((r) => setImmediate(r));
  });
});
