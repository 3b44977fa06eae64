/** createTransfer writes the transfer before the pair check decides, so a denied request still moves money (C-PERM-7). */
import { routers } from '../routes/index.ts';
import { transfersRouter } from '../routes/transfers.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'denied-transfer-recorded',
  description:
    'createTransfer records the transfer first and checks the MANUAL_TRANSFER pair afterwards: the 403 is answered, but the transfer exists.',
  replaces: 'routers',
  copies: { file: 'routes/transfers.ts', handler: 'createTransfer', sha: '64e0816ba80e' },
  clauses: ['C-PERM-7'],
  part: {
    ...routers,
    transfers: {
      ...transfersRouter,
      createTransfer(ctx) {
        const { parts, store } = ctx;
        const v = parts.validators.createTransfer(ctx);
        if (!v.ok) return v;
        const { source: s, destination: d, amount, description } = v.value;
        const source = parts.lookup.account(store, ctx.key.org, s);
        const destination = parts.lookup.account(store, ctx.key.org, d);
        const denied = parts.transferGuard(ctx, s, d, amount);
        if (denied) {
          if (source && destination) parts.effects.createTransfer(ctx, source, destination, amount, description);
          return denied;
        }
        return transfersRouter.createTransfer(ctx);
      },
    },
  },
});
