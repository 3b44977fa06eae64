/**
 * `resourceGuard` part (C-PERM-4): a request-addressed ID (path `id`, query `account_id` or
 * `rule_id`) must be in the key's list for the scope, or the list must hold `*`. Decided
 * before any lookup, so unknown IDs outside the list are 403, never 404.
 */
import { fail, type Ctx, type Fail, type Scope } from '../types.ts';

/** Returns a 403 failure, or undefined when the key's list covers `id`. */
export type ResourceGuard = (ctx: Ctx, scope: Scope, id: string) => Fail | undefined;

/** Default request-addressed check. */
export const resourceGuard: ResourceGuard = (ctx, scope, id) => {
  const list = ctx.key.scopes.get(scope);
  if (list && (list.star || list.ids.has(id))) return undefined;
  return fail('forbidden', 'This API key may not access this resource.');
};
