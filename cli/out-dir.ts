/**
 * The `--out` directory of a run: created and claimed before any request is sent, so that a
 * directory that cannot be written, or one another run is writing to, stops the run as misuse
 * (exit 2) instead of losing its reports at the end.
 */
import { linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MisuseError } from '../openapi/errors.ts';

/** The lock file a run holds in its `--out` directory while it writes there. */
export const LOCK_FILE = '.seqconform.lock';

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
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
    throw new MisuseError(
      'OUT_NOT_WRITABLE',
      dir,
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'it exists and is not a directory'
        : `cannot be created: ${code ?? (e as Error).message}`,
      'give --out a directory this user can write',
    );
  }
  const lock = join(dir, LOCK_FILE);
  // The lock is written whole to a file of this process, then linked into place: linking fails if a lock is
  // there, so two runs starting together cannot both take it, and nobody ever reads a half-written lock.
  const mine = join(dir, `${LOCK_FILE}.${process.pid}.${Date.now()}`);
  try {
    writeFileSync(mine, JSON.stringify({ pid: process.pid, started_at: new Date().toISOString() }));
  } catch (e) {
    throw new MisuseError(
      'OUT_NOT_WRITABLE',
      dir,
      `cannot write in it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      'give --out a directory this user can write',
    );
  }
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, lock);
        return () => rmSync(lock, { force: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
          throw new MisuseError(
            'OUT_NOT_WRITABLE',
            dir,
            `cannot write in it: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          );
      }
      const seen = readLock(lock);
      if (seen.holder && alive(seen.holder.pid))
        throw new MisuseError(
          'OUT_LOCKED',
          dir,
          `another seqconform run (pid ${seen.holder.pid}, started ${seen.holder.started_at ?? 'at an unknown time'}) is writing its reports here`,
          'wait for it, or give this run another --out',
        );
      // A lock whose run is gone: removed only if it is still the one just read (another run may have replaced it).
      if (seen.text !== undefined && readLock(lock).text === seen.text) rmSync(lock, { force: true });
    }
    throw new MisuseError(
      'OUT_LOCKED',
      dir,
      'its lock could not be taken: other runs keep taking it',
      'give this run another --out',
    );
  } finally {
    rmSync(mine, { force: true });
  }
}

/** The lock's text and holder, as far as it can be read. */
function readLock(lock: string): { text?: string; holder?: { pid: number; started_at?: string } } {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch {
    return {};
  }
  try {
    const h = JSON.parse(text) as { pid?: unknown; started_at?: string };
    return typeof h.pid === 'number'
      ? { text, holder: { pid: h.pid, ...(h.started_at ? { started_at: h.started_at } : {}) } }
      : { text };
  } catch {
    return { text };
  }
}

/** Reads a `--ca` file: PEM certificates to trust besides the system's. */
export function readCa(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new MisuseError(
      'TLS_CA_UNREADABLE',
      file,
      `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----'))
    throw new MisuseError('TLS_CA_UNREADABLE', file, 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  return text;
}
