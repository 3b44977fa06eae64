/** Off-by-one cursor the other way: the first item after the cursor is skipped on every later page (C-LIST-3). */
import { paginate } from '../parts/paginate.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'page-cursor-skips-item',
  description: 'Paging with `after` skips the item right after the cursor, so a page walk loses one item per page.',
  replaces: 'paginate',
  clauses: ['C-LIST-3'],
  part: {
    ...paginate,
    page(op, base, keep, first, after) {
      if (!after) return paginate.page(op, base, keep, first, after);
      const p = paginate.page(op, base, keep, first + 1, after);
      const items = p.items.slice(1);
      const last = items[items.length - 1];
      const more = p.pageInfo.has_next_page || p.items.length === first + 1;
      return {
        items,
        pageInfo: {
          has_next_page: more && items.length > 0,
          end_cursor: last ? paginate.encodeCursor(op, last) : null,
        },
      };
    },
  },
});
