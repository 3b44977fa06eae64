/** createTransfer looks up the source only: a missing destination still gets 201 (C-FOUND-1). */
import { transfersRouter } from '../routes/transfers.ts';
import { routers } from '../routes/index.ts';
import { notFound } from '../routes/types.ts';
import { ok } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-missing-destination-created',
  description:
    'createTransfer checks that the source account exists but takes the destination on trust (it is "validated later by the ledger"): a transfer to a missing account answers 201.',
  replaces: 'routers',
  copies: { file: 'routes/transfers.ts', handler: 'createTransfer', sha: '64e0816ba80e' },
  clauses: ['C-FOUND-1'],
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
        if (!source) return notFound();
        const destination = parts.lookup.account(store, ctx.key.org, input.destination) ?? {
          ...source,
          id: input.destination,
          type: 'external_account' as const,
        };
        const hit = parts.idempotency.check(ctx, input.body);
        if (hit.kind === 'replay') return ok(hit.status, hit.data);
        if (hit.kind !== 'miss') return hit;
        const transfer = parts.effects.createTransfer(ctx, source, destination, input.amount, input.description);
        const data = parts.serialize.transfer(store, transfer);
        parts.idempotency.remember(ctx, input.body, 201, data);
        return ok(201, data);
      },
    },
  },
});
