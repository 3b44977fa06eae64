/** listTransfers with account_role source or destination applies no other filter (C-LIST-1). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'role-narrowing-drops-filters',
  description:
    'The account_role=source/destination query path forgets the direction, origin, status and date filters: every transfer on that side comes back.',
  replaces: 'filters',
  clauses: ['C-LIST-1'],
  part: {
    ...filters,
    listTransfers: (store, org, input) =>
      filters.listTransfers(
        store,
        org,
        input.role === 'either'
          ? input
          : {
              ...input,
              direction: undefined,
              origin: undefined,
              status: undefined,
              fromMs: undefined,
              toMs: undefined,
            },
      ),
  },
});
