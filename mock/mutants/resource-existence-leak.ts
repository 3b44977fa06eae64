/** The resource is looked up before the request-addressed check, so unknown IDs get 404, not 403 (C-PERM-4). */
import { resourceGuard } from '../parts/resource-guard.ts';
import { fail, type Scope } from '../types.ts';
import { defineMutant } from './define.ts';

const RULE_SCOPES = new Set<Scope>(['READ_RULES', 'TRIGGER_RULES', 'READ_RULE_EXECUTIONS']);

export default defineMutant({
  id: 'resource-existence-leak',
  description:
    "Request-addressed IDs are looked up first: an ID outside the key's list that does not exist answers 404, revealing existence, where 403 is due.",
  replaces: 'resourceGuard',
  clauses: ['C-PERM-4'],
  part: (ctx, scope, id) => {
    const { lookup } = ctx.parts;
    const found = RULE_SCOPES.has(scope)
      ? lookup.rule(ctx.store, ctx.key.org, id)
      : lookup.account(ctx.store, ctx.key.org, id);
    if (!found) return fail('resource_not_found', 'No such resource.');
    return resourceGuard(ctx, scope, id);
  },
});
