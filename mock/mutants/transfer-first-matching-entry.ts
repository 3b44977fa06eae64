/** The first MANUAL_TRANSFER entry matching the pair decides alone; later entries are not a union (C-PERM-1, C-PERM-6). */
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-first-matching-entry',
  description:
    'The pair check stops at the first entry whose source and target match and applies only its max_amount, so a later entry allowing a larger amount is never consulted.',
  replaces: 'transferGuard',
  clauses: ['C-PERM-1', 'C-PERM-6', 'C-STATE-1'],
  part: (ctx, source, target, amount) => {
    const p = ctx.key.pairs.find(
      (x) => (x.source === '*' || x.source === source) && (x.target === '*' || x.target === target),
    );
    if (p && (p.max_amount == null || amount <= p.max_amount)) return undefined;
    return fail('forbidden', 'This API key may not transfer this amount between these accounts.');
  },
});
