/** listCards loses the last matching card (C-LIST-2). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'list-cards-drops-last',
  description: 'Off-by-one in listCards: the last card of the account is never returned.',
  replaces: 'filters',
  clauses: ['C-LIST-2'],
  part: { ...filters, listCards: (store, org, input) => filters.listCards(store, org, input).slice(0, -1) },
});
