/** Off-by-one cursor: the next page starts AT the cursor's item, so every page repeats the previous page's last item (C-LIST-3). */
import { paginate } from '../parts/paginate.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'page-cursor-repeats-item',
  description: 'The `after` cursor is inclusive: each page begins with the last item of the page before.',
  replaces: 'paginate',
  clauses: ['C-LIST-3'],
  part: {
    ...paginate,
    page: (op, base, keep, first, after) =>
      paginate.page(op, base, keep, first, after && { createdMs: after.createdMs, id: `${after.id}\u0000` }),
  },
});
