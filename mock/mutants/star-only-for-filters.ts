/** `*` is honoured only for query filters; a path ID under a `*` list is 403 (C-PERM-2, C-PERM-1). */
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'star-only-for-filters',
  description:
    'The wildcard is expanded only where the ID comes from a query filter (list operations); getAccount, getRule and triggerRule compare the path ID with "*" literally and answer 403.',
  replaces: 'resourceGuard',
  clauses: ['C-PERM-1', 'C-PERM-2', 'C-STATE-2', 'C-FOUND-1'],
  part: (ctx, scope, id) => {
    const list = ctx.key.scopes.get(scope);
    const fromQuery = ctx.pathId === undefined;
    if (list && ((list.star && fromQuery) || list.ids.has(id))) return undefined;
    return fail('forbidden', 'This API key may not access this resource.');
  },
});
