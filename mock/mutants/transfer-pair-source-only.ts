/** A MANUAL_TRANSFER entry is matched on its source only; the target is ignored (C-PERM-6). */
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-pair-source-only',
  description:
    "The pair check compares source_account_id with the entry's source and never looks at target, so a key allowed income -> pod 1 may send to any account.",
  replaces: 'transferGuard',
  clauses: ['C-PERM-6'],
  part: (ctx, source, _target, amount) => {
    for (const p of ctx.key.pairs)
      if ((p.source === '*' || p.source === source) && (p.max_amount == null || amount <= p.max_amount))
        return undefined;
    return fail('forbidden', 'This API key may not transfer this amount between these accounts.');
  },
});
