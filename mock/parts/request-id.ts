/**
 * `requestId` part (C-REQID): echoes a valid client `X-Request-ID` (1..128 characters, each
 * 0x21–0x7E) and otherwise generates a fresh `req_…` ID that no other request gets.
 */
import { randomBytes } from 'node:crypto';

/** Resolves the request ID of one request from the client's header value. */
export type RequestIdPart = (supplied: string | undefined) => string;

/** True when `value` may be echoed (C-REQID-1). */
export function isValidRequestId(value: string): boolean {
  const n = value.length;
  if (n < 1 || n > 128) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = `req_01J${[...randomBytes(8)].map((b) => ALPHABET[b & 31]).join('')}`;
let counter = 0;

/** Default: echo when valid (C-REQID-1), else a process-unique generated ID (C-REQID-3, C-REQID-4). */
export const requestId: RequestIdPart = (supplied) =>
  supplied !== undefined && isValidRequestId(supplied)
    ? supplied
    : `${PREFIX}${(counter++).toString(36).toUpperCase().padStart(6, '0')}`;
