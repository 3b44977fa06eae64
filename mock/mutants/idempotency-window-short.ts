/** Remembered answers expire after 300 ms, not 24 hours: a replay after a pause acts again (C-STATE-4). */
import { IDEMPOTENCY_TTL_MS, idempotency, type Idempotency } from '../parts/idempotency.ts';
import { defineMutant } from './define.ts';

const WINDOW_MS = 300;

const part: Idempotency = {
  check(ctx, body) {
    const rec =
      ctx.idempotencyKey === undefined
        ? undefined
        : ctx.store.idempotency.get(`${ctx.key.id}\u0000${ctx.idempotencyKey}`);
    // The cache's default TTL was never configured: what is older than it is gone.
    if (rec && rec.expiresMs - IDEMPOTENCY_TTL_MS + WINDOW_MS <= ctx.now) return { kind: 'miss' };
    return idempotency.check(ctx, body);
  },
  remember: (ctx, body, status, data) => idempotency.remember(ctx, body, status, data),
};

export default defineMutant({
  id: 'idempotency-window-short',
  description:
    'The idempotency cache keeps answers for its default TTL of 300 ms instead of 24 hours: a replay sent right away replays, one sent after a pause creates a second transfer or execution.',
  replaces: 'idempotency',
  clauses: ['C-STATE-4'],
  part,
});
