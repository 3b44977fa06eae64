/** createTransfer writes before it consults the Idempotency-Key store: a replay answers the original but moves money again (C-STATE-4). */
import { routers } from '../routes/index.ts';
import { transfersRouter } from '../routes/transfers.ts';
import { notFound } from '../routes/types.ts';
import { ok } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'idempotent-replay-acts-again',
  description:
    'createTransfer inserts the transfer, then looks the Idempotency-Key up: a replay answers the remembered transfer (same id, same status) but a second transfer exists.',
  replaces: 'routers',
  copies: { file: 'routes/transfers.ts', handler: 'createTransfer', sha: '64e0816ba80e' },
  clauses: ['C-STATE-4'],
  part: {
    ...routers,
    transfers: {
      ...transfersRouter,
      createTransfer(ctx) {
        const { parts, store } = ctx;
        const v = parts.validators.createTransfer(ctx);
        if (!v.ok) return v;
        const input = v.value;
        const denied = parts.transferGuard(ctx, input.source, input.destination, input.amount);
        if (denied) return denied;
        const source = parts.lookup.account(store, ctx.key.org, input.source);
        const destination = parts.lookup.account(store, ctx.key.org, input.destination);
        if (!source || !destination) return notFound();
        const transfer = parts.effects.createTransfer(ctx, source, destination, input.amount, input.description);
        const hit = parts.idempotency.check(ctx, input.body);
        if (hit.kind === 'replay') return ok(hit.status, hit.data);
        if (hit.kind !== 'miss') return hit;
        const data = parts.serialize.transfer(store, transfer);
        parts.idempotency.remember(ctx, input.body, 201, data);
        return ok(201, data);
      },
    },
  },
});
