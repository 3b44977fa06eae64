/** Low-level HTTP helpers of the kernel: query parsing, bounded body reading. */
import type { IncomingMessage } from 'node:http';
import type { Query } from './types.ts';

/** Query strings longer than this are refused (400) rather than parsed. */
export const MAX_QUERY_CHARS = 8192;

const EMPTY_QUERY: Query = Object.freeze({ values: new Map(), repeated: new Set(), malformed: false }) as Query;

function decode(s: string): string {
  return s.indexOf('%') < 0 ? s : decodeURIComponent(s);
}

/**
 * Parses a raw query string. `+` stays a literal plus (so `+02:00` offsets survive unencoded);
 * undecodable percent-escapes or an over-long string mark it malformed.
 */
export function parseQuery(raw: string): Query {
  if (raw === '') return EMPTY_QUERY;
  const values = new Map<string, string>();
  const repeated = new Set<string>();
  if (raw.length > MAX_QUERY_CHARS) return { values, repeated, malformed: true };
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decode(eq < 0 ? part : part.slice(0, eq));
      value = eq < 0 ? '' : decode(part.slice(eq + 1));
    } catch {
      return { values, repeated, malformed: true };
    }
    if (values.has(name)) repeated.add(name);
    else values.set(name, value);
  }
  return { values, repeated, malformed: false };
}

/** Outcome of reading a body. */
export type BodyResult = { ok: true; body: string } | { ok: false; tooLarge: true };

/**
 * Reads a request body up to `limit` bytes. Over the limit it answers `tooLarge` at once and
 * discards the rest (up to `drainLimit`, after which the socket is destroyed), so the 413 can be
 * written while the client is still sending.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  done: (r: BodyResult) => void,
  drainLimit = 64 * 1024 * 1024,
): void {
  const declared = Number(req.headers['content-length']);
  let over = Number.isFinite(declared) && declared > limit;
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  if (over) {
    settled = true;
    done({ ok: false, tooLarge: true });
  }
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (over) {
      if (size > drainLimit) req.socket.destroy();
      return;
    }
    if (size > limit) {
      over = true;
      chunks.length = 0;
      settled = true;
      done({ ok: false, tooLarge: true });
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (settled) return;
    settled = true;
    done({ ok: true, body: Buffer.concat(chunks, size).toString('utf8') });
  });
  req.on('error', () => {
    settled = true;
  });
}

/** A header's single string value (first of several). */
export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
