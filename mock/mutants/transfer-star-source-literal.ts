/** A MANUAL_TRANSFER entry with source `*` is compared literally, so it allows no source (C-PERM-6). */
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-star-source-literal',
  description:
    'The pair check honours `*` as target but compares source literally: {source: "*", target: B} allows nothing (403 instead of 201).',
  replaces: 'transferGuard',
  clauses: ['C-PERM-6', 'C-STATE-1'],
  part: (ctx, source, target, amount) => {
    for (const p of ctx.key.pairs)
      if (
        p.source === source &&
        (p.target === '*' || p.target === target) &&
        (p.max_amount == null || amount <= p.max_amount)
      )
        return undefined;
    return fail('forbidden', 'This API key may not transfer this amount between these accounts.');
  },
});
