/**
 * Ids and fixed IDs of the matrix: deterministic content hashes (so reports and baselines diff
 * cleanly between runs), and the IDs no server should hold.
 */
import { createHash } from 'node:crypto';

/** A deterministic id from the content of a case or scenario. */
export function contentId(prefix: string, content: unknown): string {
  return `${prefix}_${createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 12)}`;
}

/** JSON with object keys sorted, so equal content hashes equally. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** An ID of the right shape that no server should hold. */
export function missingId(prefix: string): string {
  return `${prefix}0NOSUCHRESOURCE00000000000`;
}

/** An ID of no known shape (C-FOUND-2). */
export const WRONG_SHAPE_ID = 'no-such-shape~1';
