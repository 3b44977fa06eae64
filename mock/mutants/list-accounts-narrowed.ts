/** listAccounts is narrowed to the key's READ_ACCOUNTS list (C-PERM-2b). */
import { routers } from '../routes/index.ts';
import { accountsRouter } from '../routes/accounts.ts';
import { ok } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'list-accounts-narrowed',
  description:
    "listAccounts returns only the accounts in the key's READ_ACCOUNTS list when the key holds one without '*'.",
  replaces: 'routers',
  copies: { file: 'routes/accounts.ts', handler: 'listAccounts', sha: 'b12157e7e0d0' },
  // The membership check reports the missing accounts under C-LIST-2.
  clauses: ['C-PERM-2b', 'C-LIST-2'],
  part: {
    ...routers,
    accounts: {
      ...accountsRouter,
      listAccounts(ctx) {
        const out = accountsRouter.listAccounts(ctx);
        const list = ctx.key.scopes.get('READ_ACCOUNTS');
        if (!out.ok || !list || list.star) return out;
        return ok(
          out.status,
          (out.data as Array<{ id: string }>).filter((a) => list.ids.has(a.id)),
        );
      },
    },
  },
});
