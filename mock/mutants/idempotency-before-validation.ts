/** createTransfer looks the Idempotency-Key up before it validates the body: a malformed body under a used key gets 409, not 400 (C-STATE-4). */
import { routers } from '../routes/index.ts';
import { transfersRouter } from '../routes/transfers.ts';
import { notFound } from '../routes/types.ts';
import { ok } from '../types.ts';
import { defineMutant } from './define.ts';

function parsed(raw: string | undefined): unknown {
  try {
    return raw === undefined || raw === '' ? {} : JSON.parse(raw);
  } catch {
    return raw;
  }
}

export default defineMutant({
  id: 'idempotency-before-validation',
  description:
    'createTransfer consults the Idempotency-Key store first: a used key with a malformed body answers 409 idempotency_conflict where the contract puts the 400 of validation first.',
  replaces: 'routers',
  copies: { file: 'routes/transfers.ts', handler: 'createTransfer', sha: '64e0816ba80e' },
  clauses: ['C-STATE-4'],
  part: {
    ...routers,
    transfers: {
      ...transfersRouter,
      createTransfer(ctx) {
        const { parts, store } = ctx;
        const early = parts.idempotency.check(ctx, parsed(ctx.body));
        if (early.kind === 'replay') return ok(early.status, early.data);
        if (early.kind !== 'miss') return early;
        const v = parts.validators.createTransfer(ctx);
        if (!v.ok) return v;
        const input = v.value;
        const denied = parts.transferGuard(ctx, input.source, input.destination, input.amount);
        if (denied) return denied;
        const source = parts.lookup.account(store, ctx.key.org, input.source);
        const destination = parts.lookup.account(store, ctx.key.org, input.destination);
        if (!source || !destination)
          return { ...notFound(), message: 'The source or destination account does not exist.' };
        const transfer = parts.effects.createTransfer(ctx, source, destination, input.amount, input.description);
        const data = parts.serialize.transfer(store, transfer);
        parts.idempotency.remember(ctx, input.body, 201, data);
        return ok(201, data);
      },
    },
  },
});
