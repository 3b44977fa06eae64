/** listAccounts, listRules and listCards come in another order (they are not paged, C-LIST-3 fixes no order). */
import { filters } from '../parts/filters.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'unpaged-lists-reordered',
  description: 'Accounts are listed by name, rules newest first, cards by id descending.',
  replaces: 'filters',
  clauses: ['C-LIST-3'],
  part: {
    ...filters,
    listAccounts: (store, org, input) =>
      filters
        .listAccounts(store, org, input)
        .slice()
        .sort((a, b) => a.name.localeCompare(b.name)),
    listRules: (store, org, input) => filters.listRules(store, org, input).slice().reverse(),
    listCards: (store, org, input) =>
      filters
        .listCards(store, org, input)
        .slice()
        .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)),
  },
});
