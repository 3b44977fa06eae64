/** listCardTransactions pages oldest first (the other paged lists are right) (C-LIST-3). */
import { paginate } from '../parts/paginate.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'card-transactions-ascending',
  description:
    'Card transactions come from the processor feed in arrival order: the first page of listCardTransactions is the oldest items, not the newest.',
  replaces: 'paginate',
  clauses: ['C-LIST-3'],
  part: {
    ...paginate,
    page(op, base, keep, first, after) {
      if (op !== 'listCardTransactions') return paginate.page(op, base, keep, first, after);
      return paginate.page(
        op,
        [...base].reverse().map((x, i) => ({ ...x, createdMs: i })) as unknown as typeof base,
        keep,
        first,
        after,
      ) as never;
    },
  },
});
