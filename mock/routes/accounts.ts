/** Accounts router: listAccounts (LIST_ACCOUNTS, whole organization, C-PERM-2b) and getAccount (request-addressed). */
import { ok } from '../types.ts';
import { notFound, type Router } from './types.ts';

/** Default accounts router. */
export const accountsRouter: Router<'listAccounts' | 'getAccount'> = {
  listAccounts(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.listAccounts(ctx);
    if (!v.ok) return v;
    return ok(
      200,
      parts.filters.listAccounts(store, ctx.key.org, v.value).map((a) => parts.serialize.account(store, a)),
    );
  },
  getAccount(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.getAccount(ctx);
    if (!v.ok) return v;
    const id = ctx.pathId as string;
    const denied = parts.resourceGuard(ctx, 'READ_ACCOUNTS', id);
    if (denied) return denied;
    const account = parts.lookup.account(store, ctx.key.org, id);
    if (!account) return notFound();
    return ok(200, parts.serialize.account(store, account));
  },
};
