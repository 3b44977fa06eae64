/** A transfer created through the API is listed for its source account only (C-STATE-1, C-LIST-2). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'created-transfer-unlisted-for-destination',
  description:
    'API-created transfers are indexed under their source account only, so listTransfers for the destination account (role either or destination) misses them.',
  replaces: 'filters',
  clauses: ['C-STATE-1', 'C-LIST-2'],
  part: {
    ...filters,
    listTransfers(store, org, input) {
      const sel = filters.listTransfers(store, org, input);
      const keep = sel.keep;
      const acc = input.accountId;
      return {
        base: sel.base,
        keep: (t) =>
          !(t.origin === 'user' && t.rule_execution_id === null && t.id.startsWith('txr_01J') && t.source_id !== acc) &&
          (keep ? keep(t) : true),
      };
    },
  },
});
