/** listRuleExecutions answers nothing whenever `status` is set (C-LIST-1). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'execution-status-filter-empty',
  description:
    'listRuleExecutions compares `status` case-sensitively against upper-case values, so a status filter matches nothing.',
  replaces: 'filters',
  clauses: ['C-LIST-1'],
  part: {
    ...filters,
    listRuleExecutions(store, org, input) {
      const sel = filters.listRuleExecutions(store, org, input);
      return input.status === undefined ? sel : { base: sel.base, keep: () => false };
    },
  },
});
