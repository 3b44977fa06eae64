/** listAccounts returns the accounts of every organization (C-ORG-2). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'list-accounts-all-orgs',
  description: "listAccounts is not scoped to the key's organization: another organization's accounts are listed too.",
  replaces: 'filters',
  clauses: ['C-ORG-2'],
  part: {
    ...filters,
    listAccounts: (store, _org, input) => store.orgLabels.flatMap((o) => filters.listAccounts(store, o, input)),
  },
});
