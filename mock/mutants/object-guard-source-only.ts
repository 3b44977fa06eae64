/** getTransfer is allowed only through the transfer's source account, not its destination (C-PERM-5). */
import { objectGuard } from '../parts/object-guard.ts';
import { fail, type TransferRec } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'object-guard-source-only',
  description:
    'getTransfer checks only source.id against the READ_TRANSFERS list: a key that may read only the destination account gets 403.',
  replaces: 'objectGuard',
  // The suite expects 200 there; its status check cites the allow clause (C-PERM-1).
  clauses: ['C-PERM-5', 'C-PERM-1'],
  part: (ctx, op, object) => {
    if (op !== 'getTransfer') return objectGuard(ctx, op, object);
    const list = ctx.key.scopes.get('READ_TRANSFERS');
    if (list && (list.star || list.ids.has((object as TransferRec).source_id))) return undefined;
    return fail('forbidden', 'This API key may not access this resource.', object);
  },
});
