/** Broken object-level authorization on listCardTransactions: the linked account or rule is never checked (C-PERM-5). */
import { objectGuard } from '../parts/object-guard.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'bola-list-card-transactions',
  description:
    "listCardTransactions returns any object of the organization once found, whatever the key's list (200 instead of 403).",
  replaces: 'objectGuard',
  clauses: ['C-PERM-5'],
  part: (ctx, op, object) => (op === 'listCardTransactions' ? undefined : objectGuard(ctx, op, object)),
});
