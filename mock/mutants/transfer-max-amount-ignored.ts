/** MANUAL_TRANSFER's max_amount is never enforced (C-PERM-6). */
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-max-amount-ignored',
  description:
    'The pair check ignores max_amount: any amount between an allowed pair is accepted (201 instead of 403).',
  replaces: 'transferGuard',
  clauses: ['C-PERM-6'],
  part: (ctx, source, target) => {
    for (const p of ctx.key.pairs)
      if ((p.source === '*' || p.source === source) && (p.target === '*' || p.target === target)) return undefined;
    return fail('forbidden', 'This API key may not transfer this amount between these accounts.');
  },
});
