/**
 * The `--out` directory of a run: created and claimed before any request is sent, so that a
 * directory that cannot be written, or one another run is writing to, stops the run as misuse
 * (exit 2) instead of losing its reports at the end.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MisuseError } from '../openapi/errors.ts';

/** The lock file a run holds in its `--out` directory while it writes there. */
export const LOCK_FILE = '.seqconform.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates `dir` if needed and takes its lock; returns the function that releases it. */
export function claimOutDir(dir: string): () => void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MisuseError('OUT_NOT_WRITABLE', dir, code === 'EEXIST' || code === 'ENOTDIR' ? 'it exists and is not a directory' : `cannot be created: ${code ?? (e as Error).message}`, 'give --out a directory this user can write');
  }
  const lock = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new MisuseError('OUT_NOT_WRITABLE', dir, `cannot write in it: ${code ?? (e as Error).message}`, 'give --out a directory this user can write');
      let holder: { pid?: number; started_at?: string } = {};
      try {
        holder = JSON.parse(readFileSync(lock, 'utf8')) as typeof holder;
      } catch {
        // A lock being written or garbled: its holder is unknown, so it counts as stale.
      }
      if (typeof holder.pid === 'number' && holder.pid !== process.pid && alive(holder.pid))
        throw new MisuseError('OUT_LOCKED', dir, `another seqconform run (pid ${holder.pid}, started ${holder.started_at ?? 'at an unknown time'}) is writing its reports here`, 'wait for it, or give this run another --out');
      rmSync(lock, { force: true });
      continue;
    }
    writeSync(fd, JSON.stringify({ pid: process.pid, started_at: new Date().toISOString() }));
    closeSync(fd);
    return () => rmSync(lock, { force: true });
  }
  throw new MisuseError('OUT_LOCKED', dir, 'its lock could not be taken', 'give this run another --out');
}

/** Reads a `--ca` file: PEM certificates to trust besides the system's. */
export function readCa(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new MisuseError('TLS_CA_UNREADABLE', file, `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new MisuseError('TLS_CA_UNREADABLE', file, 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  return text;
}
