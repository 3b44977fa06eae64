/** has_next_page is guessed from a full page (C-LIST-3). */
import { paginate } from '../parts/paginate.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'has-next-page-full-page',
  description:
    'has_next_page is "the page is full" (items.length === first) instead of "more items follow": a last page that is exactly full says true and the next page is empty.',
  replaces: 'paginate',
  clauses: ['C-LIST-3'],
  part: {
    ...paginate,
    page(op, base, keep, first, after) {
      const p = paginate.page(op, base, keep, first, after);
      return { items: p.items, pageInfo: { ...p.pageInfo, has_next_page: p.items.length === first } };
    },
  },
});
