/** The request-addressed check matches IDs by prefix: an ID that extends a listed one passes (C-PERM-4). */
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'resource-guard-prefix-match',
  description:
    'The ID list is checked with startsWith (a LIKE "id%" query), so a key listing acc_X may address acc_X0 and learn whether it exists (404 instead of 403).',
  replaces: 'resourceGuard',
  clauses: ['C-PERM-4'],
  part: (ctx, scope, id) => {
    const list = ctx.key.scopes.get(scope);
    if (list && (list.star || [...list.ids].some((x) => id.startsWith(x)))) return undefined;
    return fail('forbidden', 'This API key may not access this resource.');
  },
});
