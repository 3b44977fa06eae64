/** listCards accepts `type` but does not filter by it (C-LIST-1). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'list-cards-type-ignored',
  description: 'listCards validates the `type` filter but drops it: virtual and physical cards both come back.',
  replaces: 'filters',
  clauses: ['C-LIST-1'],
  part: { ...filters, listCards: (store, org, input) => filters.listCards(store, org, { ...input, type: undefined }) },
});
