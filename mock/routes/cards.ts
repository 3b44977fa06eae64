/**
 * Cards router: listCards (request-addressed by `account_id`, unpaged), getCard and
 * listCardTransactions (object-addressed by the card's `account_id`: 404 before 403).
 */
import { ok } from '../types.ts';
import { notFound, type Router } from './types.ts';

/** Default cards router. */
export const cardsRouter: Router<'listCards' | 'getCard' | 'listCardTransactions'> = {
  listCards(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.listCards(ctx);
    if (!v.ok) return v;
    const accountId = v.value.accountId;
    if (accountId !== undefined) {
      const denied = parts.resourceGuard(ctx, 'READ_CARDS', accountId);
      if (denied) return denied;
      if (!parts.lookup.account(store, ctx.key.org, accountId)) return notFound();
    }
    return ok(
      200,
      parts.filters.listCards(store, ctx.key.org, v.value).map((c) => parts.serialize.card(store, c)),
    );
  },
  getCard(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.getCard(ctx);
    if (!v.ok) return v;
    const card = parts.lookup.card(store, ctx.key.org, ctx.pathId as string);
    if (!card) return notFound();
    const denied = parts.objectGuard(ctx, ctx.op, card);
    if (denied) return denied;
    return ok(200, parts.serialize.card(store, card));
  },
  listCardTransactions(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.listCardTransactions(ctx);
    if (!v.ok) return v;
    const card = parts.lookup.card(store, ctx.key.org, ctx.pathId as string);
    if (!card) return notFound();
    const denied = parts.objectGuard(ctx, ctx.op, card);
    if (denied) return denied;
    const sel = parts.filters.listCardTransactions(store, card, v.value);
    const page = parts.paginate.page(ctx.op, sel.base, sel.keep, v.value.first, v.value.after);
    return ok(
      200,
      page.items.map((x) => parts.serialize.cardTransaction(store, x)),
      page.pageInfo,
    );
  },
};
