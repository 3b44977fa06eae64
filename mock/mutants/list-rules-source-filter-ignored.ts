/** listRules ignores `source_id` (C-LIST-1). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'list-rules-source-filter-ignored',
  description: 'listRules validates source_id but never applies it, returning every rule of the organization.',
  replaces: 'filters',
  clauses: ['C-LIST-1'],
  part: { ...filters, listRules: (store, org) => filters.listRules(store, org, { sourceId: undefined }) },
});
