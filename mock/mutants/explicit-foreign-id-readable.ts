/** An account ID listed explicitly in a key's READ_ACCOUNTS list is trusted and read across organizations (C-ORG-1). */
import { routers } from '../routes/index.ts';
import { accountsRouter } from '../routes/accounts.ts';
import { ok } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'explicit-foreign-id-readable',
  description:
    "getAccount fetches an ID the key's READ_ACCOUNTS list names explicitly by ID alone: a key whose list holds another organization's account reads it (200 instead of 404).",
  replaces: 'routers',
  copies: { file: 'routes/accounts.ts', handler: 'getAccount', sha: 'a8f240a784fc' },
  clauses: ['C-ORG-1'],
  part: {
    ...routers,
    accounts: {
      ...accountsRouter,
      getAccount(ctx) {
        const id = ctx.pathId as string;
        const a = ctx.store.accounts.get(id);
        if (a && ctx.key.scopes.get('READ_ACCOUNTS')?.ids.has(id) && !ctx.query.malformed)
          return ok(200, ctx.parts.serialize.account(ctx.store, a));
        return accountsRouter.getAccount(ctx);
      },
    },
  },
});
