/** listTransfers treats `from`/`to` as exclusive bounds (C-LIST-3 says inclusive). */
import { filters } from '../parts/filters.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'date-bounds-exclusive',
  description:
    'listTransfers drops transfers created exactly at `from` or `to`: the bounds are exclusive instead of inclusive.',
  replaces: 'filters',
  clauses: ['C-LIST-1', 'C-LIST-3'],
  part: {
    ...filters,
    listTransfers(store, org, input) {
      const sel = filters.listTransfers(store, org, input);
      const { fromMs, toMs } = input;
      const keep = sel.keep;
      return { base: sel.base, keep: (t) => (keep ? keep(t) : true) && t.createdMs !== fromMs && t.createdMs !== toMs };
    },
  },
});
