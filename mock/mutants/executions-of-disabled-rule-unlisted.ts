/** listRuleExecutions answers an empty list for a disabled rule, hiding its past executions (C-LIST-2). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'executions-of-disabled-rule-unlisted',
  description:
    "Executions are listed only for enabled rules: a disabled rule's history (seed executions, or ones started before it was disabled) disappears.",
  replaces: 'filters',
  clauses: ['C-LIST-2'],
  part: {
    ...filters,
    listRuleExecutions: (store, org, input) => {
      const sel = filters.listRuleExecutions(store, org, input);
      const rule = input.ruleId === undefined ? undefined : store.rules.get(input.ruleId);
      return rule?.status === 'disabled' ? { ...sel, keep: () => false } : sel;
    },
  },
});
