/**
 * Transfers router: listTransfers (request-addressed by `account_id`, paged), getTransfer
 * (object-addressed: source OR destination suffices) and createTransfer (body 400, pair and
 * amount 403, both accounts 404, idempotent replay, then 201).
 */
import { ok } from '../types.ts';
import { notFound, type Router } from './types.ts';

/** Default transfers router. */
export const transfersRouter: Router<'listTransfers' | 'getTransfer' | 'createTransfer'> = {
  listTransfers(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.listTransfers(ctx);
    if (!v.ok) return v;
    const accountId = v.value.accountId;
    if (accountId !== undefined) {
      const denied = parts.resourceGuard(ctx, 'READ_TRANSFERS', accountId);
      if (denied) return denied;
      if (!parts.lookup.account(store, ctx.key.org, accountId)) return notFound();
    }
    const sel = parts.filters.listTransfers(store, ctx.key.org, v.value);
    const page = parts.paginate.page(ctx.op, sel.base, sel.keep, v.value.first, v.value.after);
    return ok(
      200,
      page.items.map((t) => parts.serialize.transfer(store, t)),
      page.pageInfo,
    );
  },
  getTransfer(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.getTransfer(ctx);
    if (!v.ok) return v;
    const transfer = parts.lookup.transfer(store, ctx.key.org, ctx.pathId as string);
    if (!transfer) return notFound();
    const denied = parts.objectGuard(ctx, ctx.op, transfer);
    if (denied) return denied;
    return ok(200, parts.serialize.transfer(store, transfer));
  },
  createTransfer(ctx) {
    const { parts, store } = ctx;
    const v = parts.validators.createTransfer(ctx);
    if (!v.ok) return v;
    const input = v.value;
    const denied = parts.transferGuard(ctx, input.source, input.destination, input.amount);
    if (denied) return denied;
    const source = parts.lookup.account(store, ctx.key.org, input.source);
    const destination = parts.lookup.account(store, ctx.key.org, input.destination);
    if (!source || !destination) return { ...notFound(), message: 'The source or destination account does not exist.' };
    const hit = parts.idempotency.check(ctx, input.body);
    if (hit.kind === 'replay') return ok(hit.status, hit.data);
    if (hit.kind !== 'miss') return hit;
    const transfer = parts.effects.createTransfer(ctx, source, destination, input.amount, input.description);
    const data = parts.serialize.transfer(store, transfer);
    parts.idempotency.remember(ctx, input.body, 201, data);
    return ok(201, data);
  },
};
