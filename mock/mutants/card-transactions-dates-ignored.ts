/** listCardTransactions ignores `from`/`to` (C-LIST-1). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'card-transactions-dates-ignored',
  description: 'listCardTransactions validates from/to but its query never applies them (only direction is filtered).',
  replaces: 'filters',
  clauses: ['C-LIST-1', 'C-LIST-3'],
  part: {
    ...filters,
    listCardTransactions: (store, card, input) =>
      filters.listCardTransactions(store, card, { ...input, fromMs: undefined, toMs: undefined }),
  },
});
