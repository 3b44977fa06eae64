/** An empty page still carries an end_cursor (C-LIST-3). */
import { paginate } from '../parts/paginate.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'empty-page-end-cursor',
  description:
    'end_cursor is the cursor of the position the page stopped at, so an empty page answers a cursor instead of null.',
  replaces: 'paginate',
  clauses: ['C-LIST-3'],
  part: {
    ...paginate,
    page(op, base, keep, first, after) {
      const p = paginate.page(op, base, keep, first, after);
      if (p.items.length > 0) return p;
      return {
        items: p.items,
        pageInfo: {
          ...p.pageInfo,
          end_cursor: paginate.encodeCursor(op, after ?? { createdMs: Number.MAX_SAFE_INTEGER, id: '~' }),
        },
      };
    },
  },
});
