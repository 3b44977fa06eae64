/** A refused createTransfer under a used Idempotency-Key clears what the key remembered: the next replay acts again (C-STATE-4). */
import { routers } from '../routes/index.ts';
import { transfersRouter } from '../routes/transfers.ts';
import { defineMutant } from './define.ts';

/** The reference handler, then the fault: a refusal (other than the conflict) deletes the key's remembered answer. */
const createTransfer: typeof transfersRouter.createTransfer = (ctx) => {
  const out = transfersRouter.createTransfer(ctx);
  if (!out.ok && out.kind !== 'idempotency_conflict' && ctx.idempotencyKey !== undefined)
    ctx.store.idempotency.delete(`${ctx.key.id}\u0000${ctx.idempotencyKey}`);
  return out;
};

export default defineMutant({
  id: 'idempotency-refusal-clears',
  description:
    'createTransfer upserts the outcome of every request under its Idempotency-Key and keeps only successes: a 400, 403 or 404 under a used key deletes the remembered answer, so a later replay creates a second transfer.',
  replaces: 'routers',
  clauses: ['C-STATE-4', 'C-PERM-7'],
  part: { ...routers, transfers: { ...transfersRouter, createTransfer } },
});
