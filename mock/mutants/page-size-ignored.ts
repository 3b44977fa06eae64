/** Paged lists ignore `first` and always answer pages of 20 (C-LIST-3). */
import { paginate } from '../parts/paginate.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'page-size-ignored',
  description: '`first` is validated but never passed to the query: every page holds up to 20 items.',
  replaces: 'paginate',
  clauses: ['C-LIST-3'],
  part: { ...paginate, page: (op, base, keep, _first, after) => paginate.page(op, base, keep, 20, after) },
});
