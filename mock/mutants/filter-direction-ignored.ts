/** listTransfers drops the `direction` filter (C-LIST-1). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'filter-direction-ignored',
  description: 'listTransfers accepts `direction` but does not filter by it: transfers of every direction come back.',
  replaces: 'filters',
  clauses: ['C-LIST-1'],
  part: {
    ...filters,
    listTransfers: (store, org, input) => filters.listTransfers(store, org, { ...input, direction: undefined }),
  },
});
