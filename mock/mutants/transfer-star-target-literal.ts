/** A MANUAL_TRANSFER entry with target `*` is compared literally, so it allows no destination (C-PERM-6). */
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-star-target-literal',
  description:
    'The pair check honours `*` as source but compares target literally: {source: A, target: "*"} allows nothing (403 instead of 201).',
  replaces: 'transferGuard',
  clauses: ['C-PERM-6', 'C-STATE-1'],
  part: (ctx, source, target, amount) => {
    for (const p of ctx.key.pairs)
      if (
        (p.source === '*' || p.source === source) &&
        p.target === target &&
        (p.max_amount == null || amount <= p.max_amount)
      )
        return undefined;
    return fail('forbidden', 'This API key may not transfer this amount between these accounts.');
  },
});
