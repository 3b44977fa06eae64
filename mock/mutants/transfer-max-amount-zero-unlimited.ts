/** `max_amount: 0` is read as "no maximum" (falsy check) (C-PERM-6). */
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-max-amount-zero-unlimited',
  description:
    'The cap is checked with `if (p.max_amount && amount > p.max_amount)`, so an entry with max_amount 0 allows any amount.',
  replaces: 'transferGuard',
  clauses: ['C-PERM-6'],
  part: (ctx, source, target, amount) => {
    for (const p of ctx.key.pairs)
      if (
        (p.source === '*' || p.source === source) &&
        (p.target === '*' || p.target === target) &&
        !(p.max_amount && amount > p.max_amount)
      )
        return undefined;
    return fail('forbidden', 'This API key may not transfer this amount between these accounts.');
  },
});
