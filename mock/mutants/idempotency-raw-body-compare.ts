/** Idempotency compares the raw body text, so the same JSON with another key order is a conflict (C-STATE-4). */
import { IDEMPOTENCY_TTL_MS, type Idempotency } from '../parts/idempotency.ts';
import { fail, type Ctx } from '../types.ts';
import { defineMutant } from './define.ts';

const storeKey = (ctx: Ctx) =>
  ctx.idempotencyKey === undefined ? undefined : `${ctx.key.id}\u0000${ctx.idempotencyKey}`;

const part: Idempotency = {
  check(ctx) {
    const k = storeKey(ctx);
    if (k === undefined) return { kind: 'miss' };
    const rec = ctx.store.idempotency.get(k);
    if (!rec || rec.expiresMs <= ctx.now) return { kind: 'miss' };
    if (rec.path !== ctx.path || rec.body !== `raw:${ctx.body ?? ''}`)
      return fail('idempotency_conflict', 'This Idempotency-Key was used with a different request.');
    return { kind: 'replay', status: rec.status, data: rec.data };
  },
  remember(ctx, _body, status, data) {
    const k = storeKey(ctx);
    if (k === undefined || status < 200 || status > 299) return;
    ctx.store.idempotency.set(k, {
      path: ctx.path,
      body: `raw:${ctx.body ?? ''}`,
      status,
      data,
      expiresMs: ctx.now + IDEMPOTENCY_TTL_MS,
    });
  },
};

export default defineMutant({
  id: 'idempotency-raw-body-compare',
  description:
    'The stored request is a hash of the raw body bytes, so a retry whose JSON has another key order or white space gets 409 idempotency_conflict instead of the replay.',
  replaces: 'idempotency',
  clauses: ['C-STATE-4'],
  part,
});
