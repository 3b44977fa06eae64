/** listTransfers answers nothing when `account_role` is source or destination (C-LIST-2). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'account-role-empty',
  description:
    'listTransfers compares the role against the wrong field, so account_role=source or destination returns an empty list.',
  replaces: 'filters',
  clauses: ['C-LIST-1', 'C-LIST-2'],
  part: {
    ...filters,
    listTransfers(store, org, input) {
      const sel = filters.listTransfers(store, org, input);
      return input.role === 'either' ? sel : { base: sel.base, keep: () => false };
    },
  },
});
