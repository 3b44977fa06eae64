/** createTransfer looks both accounts up before the pair check, so unknown accounts answer 404 to any key (C-PERM-6, C-STATE-1 order). */
import { routers } from '../routes/index.ts';
import { transfersRouter } from '../routes/transfers.ts';
import { notFound } from '../routes/types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-existence-before-pair',
  description:
    'createTransfer checks that both accounts exist before the MANUAL_TRANSFER pair check: a key may probe for account existence (404 where 403 is due).',
  replaces: 'routers',
  copies: { file: 'routes/transfers.ts', handler: 'createTransfer', sha: '64e0816ba80e' },
  clauses: ['C-PERM-6', 'C-STATE-1'],
  part: {
    ...routers,
    transfers: {
      ...transfersRouter,
      createTransfer(ctx) {
        const v = ctx.parts.validators.createTransfer(ctx);
        if (!v.ok) return v;
        const { lookup } = ctx.parts;
        if (
          !lookup.account(ctx.store, ctx.key.org, v.value.source) ||
          !lookup.account(ctx.store, ctx.key.org, v.value.destination)
        )
          return notFound();
        return transfersRouter.createTransfer(ctx);
      },
    },
  },
});
