/** The idempotency fingerprint is the body only; the path is not compared (C-STATE-4). */
import { idempotency, type Idempotency } from '../parts/idempotency.ts';
import { defineMutant } from './define.ts';

const part: Idempotency = {
  check: (ctx, body) => idempotency.check({ ...ctx, path: '/' }, body),
  remember: (ctx, body, status, data) => idempotency.remember({ ...ctx, path: '/' }, body, status, data),
};

export default defineMutant({
  id: 'idempotency-path-ignored',
  description:
    'Replays are matched on API key, Idempotency-Key and body, not the path: triggering another rule with a used key and the same body replays the first execution instead of 409.',
  replaces: 'idempotency',
  clauses: ['C-STATE-4'],
  part,
});
