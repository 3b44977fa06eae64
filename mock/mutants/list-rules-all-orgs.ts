/** listRules returns the rules of every organization (C-ORG-2). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'list-rules-all-orgs',
  description:
    "listRules reads the global rule table instead of the organization's: the other organization's rules are listed too.",
  replaces: 'filters',
  clauses: ['C-ORG-2'],
  part: {
    ...filters,
    listRules: (store, _org, input) => store.orgLabels.flatMap((o) => filters.listRules(store, o, input)),
  },
});
