/** Generated request IDs are `req_` + a time-ordered 26-character ULID (C-REQID-3). */
import { randomBytes } from 'node:crypto';
import { isValidRequestId } from '../parts/request-id.ts';
import { defineVariant } from './define.ts';

const A = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastMs = 0;
let lastRand: number[] = [];

function ulid(): string {
  const ms = Date.now();
  if (ms === lastMs) {
    // Monotonic: increment the random part within one millisecond.
    for (let i = lastRand.length - 1; i >= 0; i--) {
      if ((lastRand[i] as number) < 31) {
        lastRand[i] = (lastRand[i] as number) + 1;
        break;
      }
      lastRand[i] = 0;
    }
  } else {
    lastMs = ms;
    lastRand = [...randomBytes(16)].map((b) => b & 31);
  }
  let t = ms;
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = A[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + lastRand.map((x) => A[x]).join('');
}

export default defineVariant({
  id: 'request-ids-ulid',
  description:
    'Without a valid client X-Request-ID the server generates req_<ULID> (26 Crockford characters, monotonic within a millisecond).',
  replaces: 'requestId',
  clauses: ['C-REQID-3'],
  part: (supplied) => (supplied !== undefined && isValidRequestId(supplied) ? supplied : `req_${ulid()}`),
});
