/** MANUAL_TRANSFER pairs are treated as undirected: target -> source is allowed too (C-PERM-6). */
import { transferGuard } from '../parts/transfer-guard.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'transfer-pairs-reversible',
  description:
    'A pair {source: A, target: B} also allows B -> A (with swapped source and destination the request is accepted).',
  replaces: 'transferGuard',
  clauses: ['C-PERM-6'],
  part: (ctx, source, target, amount) => {
    const denied = transferGuard(ctx, source, target, amount);
    return denied && transferGuard(ctx, target, source, amount) === undefined ? undefined : denied;
  },
});
