/** Every 5th refusal is answered 429 with Retry-After: 0 instead (C-RATE-1: a 429 is never a failure). */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineVariant } from './define.ts';

let n = 0;

export default defineVariant({
  id: 'errors-sometimes-rate-limited',
  description:
    'A per-client error budget: every 5th request that would fail is answered 429 rate_limited with Retry-After: 0 (the retry then gets the real answer). Refused requests have no effect, so answering 429 for them is harmless.',
  replaces: 'errorMapper',
  clauses: ['C-RATE-1'],
  part: (error, rid) => {
    if (error.kind !== 'internal' && ++n % 5 === 0) {
      const r = errorMapper({ ...error, kind: 'rate_limited', message: 'Too many failed requests; retry now.' }, rid);
      return { ...r, headers: { ...r.headers, 'Retry-After': '0' } };
    }
    return errorMapper(error, rid);
  },
});
