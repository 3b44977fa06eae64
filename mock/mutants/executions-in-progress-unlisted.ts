/** listRuleExecutions reads finished executions only, so a running one is not listed (C-STATE-2). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'executions-in-progress-unlisted',
  description:
    "listRuleExecutions lists only executions that have finished: a just-triggered execution (in_progress) is readable by ID but missing from the rule's list.",
  replaces: 'filters',
  clauses: ['C-STATE-2'],
  part: {
    ...filters,
    listRuleExecutions(store, org, input) {
      const sel = filters.listRuleExecutions(store, org, input);
      const keep = sel.keep;
      return { base: sel.base, keep: (e) => e.status !== 'in_progress' && (keep ? keep(e) : true) };
    },
  },
});
