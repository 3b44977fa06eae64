/** The first refusal of each kind is answered 429 rate_limited (a cold error budget); C-RATE-1: never a failure. */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineVariant } from './define.ts';

const warmed = new Set<string>();

export default defineVariant({
  id: 'first-error-of-each-kind-rate-limited',
  description:
    'A cold error budget: the first refusal of each error kind is turned into 429 rate_limited with Retry-After: 1; the retry gets the real answer.',
  replaces: 'errorMapper',
  clauses: ['C-RATE-1'],
  part: (error, rid) => {
    const k = `${error.kind}`;
    if (error.kind !== 'internal' && error.kind !== 'rate_limited' && !warmed.has(k)) {
      warmed.add(k);
      const r = errorMapper({ ...error, kind: 'rate_limited', message: 'Slow down.' }, rid);
      return { ...r, headers: { ...r.headers, 'Retry-After': '1' } };
    }
    return errorMapper(error, rid);
  },
});
