/** Idempotency records are keyed by the Idempotency-Key alone, not per API key (C-STATE-4). */
import { canonicalJson, IDEMPOTENCY_TTL_MS, type Idempotency } from '../parts/idempotency.ts';
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

const part: Idempotency = {
  check(ctx, body) {
    if (ctx.idempotencyKey === undefined) return { kind: 'miss' };
    const rec = ctx.store.idempotency.get(`shared\u0000${ctx.idempotencyKey}`);
    if (!rec || rec.expiresMs <= ctx.now) return { kind: 'miss' };
    if (rec.path !== ctx.path || rec.body !== canonicalJson(body))
      return fail('idempotency_conflict', 'This Idempotency-Key was used with a different request.');
    return { kind: 'replay', status: rec.status, data: rec.data };
  },
  remember(ctx, body, status, data) {
    if (ctx.idempotencyKey === undefined || status < 200 || status > 299) return;
    ctx.store.idempotency.set(`shared\u0000${ctx.idempotencyKey}`, {
      path: ctx.path,
      body: canonicalJson(body),
      status,
      data,
      expiresMs: ctx.now + IDEMPOTENCY_TTL_MS,
    });
  },
};

export default defineMutant({
  id: 'idempotency-shared-across-keys',
  description:
    "Idempotency-Keys are global: another API key sending the same Idempotency-Key and body gets the first key's transfer replayed instead of its own.",
  replaces: 'idempotency',
  clauses: ['C-STATE-4'],
  part,
});
