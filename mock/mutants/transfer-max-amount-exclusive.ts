/** max_amount is treated as exclusive: an amount equal to it is refused (C-PERM-6). */
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-max-amount-exclusive',
  description:
    'Off by one: amount_in_cents must be < max_amount, so a transfer of exactly max_amount gets 403 instead of 201.',
  replaces: 'transferGuard',
  // The suite expects 201 there, so its status check cites the success clause C-STATE-1.
  clauses: ['C-PERM-6', 'C-STATE-1'],
  part: (ctx, source, target, amount) => {
    for (const p of ctx.key.pairs)
      if (
        (p.source === '*' || p.source === source) &&
        (p.target === '*' || p.target === target) &&
        (p.max_amount == null || amount < p.max_amount)
      )
        return undefined;
    return fail('forbidden', 'This API key may not transfer this amount between these accounts.');
  },
});
