/** For triggerRule the idempotency fingerprint is the path only; the (optional) body is not compared (C-STATE-4). */
import { idempotency, type Idempotency } from '../parts/idempotency.ts';
import { defineMutant } from './define.ts';

const part: Idempotency = {
  check: (ctx, body) => idempotency.check(ctx, ctx.op === 'triggerRule' ? {} : body),
  remember: (ctx, body, status, data) => idempotency.remember(ctx, ctx.op === 'triggerRule' ? {} : body, status, data),
};

export default defineMutant({
  id: 'idempotency-trigger-body-ignored',
  description:
    'triggerRule replays by Idempotency-Key and path only: the same key with another manual_execute_amount replays the first execution instead of 409 idempotency_conflict.',
  replaces: 'idempotency',
  clauses: ['C-STATE-4'],
  part,
});
