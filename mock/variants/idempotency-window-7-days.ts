/** Idempotency keys are remembered for 7 days (C-STATE-4 requires at least 24 hours). */
import { idempotency } from '../parts/idempotency.ts';
import { defineVariant } from './define.ts';

const WEEK = 7 * 24 * 60 * 60 * 1000;

export default defineVariant({
  id: 'idempotency-window-7-days',
  description: 'A 2xx answer is remembered for 7 days rather than 24 hours.',
  replaces: 'idempotency',
  clauses: ['C-STATE-4'],
  part: {
    ...idempotency,
    remember(ctx, body, status, data) {
      idempotency.remember({ ...ctx, now: ctx.now + WEEK - 24 * 60 * 60 * 1000 }, body, status, data);
    },
  },
});
