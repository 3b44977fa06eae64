/** A denied createTransfer still reserves its Idempotency-Key (C-PERM-7, C-STATE-4). */
import { IDEMPOTENCY_TTL_MS } from '../parts/idempotency.ts';
import { routers } from '../routes/index.ts';
import { transfersRouter } from '../routes/transfers.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'denied-transfer-reserves-idempotency-key',
  description:
    'createTransfer reserves the Idempotency-Key when the request arrives and never releases it when the pair check denies it: the next request with that key gets 409 idempotency_conflict.',
  replaces: 'routers',
  copies: { file: 'routes/transfers.ts', handler: 'createTransfer', sha: '64e0816ba80e' },
  clauses: ['C-PERM-7', 'C-STATE-4'],
  part: {
    ...routers,
    transfers: {
      ...transfersRouter,
      createTransfer(ctx) {
        const out = transfersRouter.createTransfer(ctx);
        if (!out.ok && out.kind === 'forbidden' && ctx.idempotencyKey !== undefined)
          ctx.store.idempotency.set(`${ctx.key.id}\u0000${ctx.idempotencyKey}`, {
            path: ctx.path,
            body: '\u0000reserved',
            status: 403,
            data: null,
            expiresMs: ctx.now + IDEMPOTENCY_TTL_MS,
          });
        return out;
      },
    },
  },
});
