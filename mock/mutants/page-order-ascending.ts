/** Paged lists come oldest first (C-LIST-3). */
import { paginate } from '../parts/paginate.ts';
import type { Dated } from '../types.ts';
import { defineMutant } from './define.ts';

function after<T extends Dated>(a: T, pos: { createdMs: number; id: string }): boolean {
  return a.createdMs > pos.createdMs || (a.createdMs === pos.createdMs && a.id > pos.id);
}

export default defineMutant({
  id: 'page-order-ascending',
  description:
    'Paged lists are ordered by created_at ascending instead of descending (cursors still work, in that order).',
  replaces: 'paginate',
  clauses: ['C-LIST-3'],
  part: {
    ...paginate,
    page(op, base, keep, first, pos) {
      const items: (typeof base)[number][] = [];
      let more = false;
      for (const item of base) {
        if (pos && !after(item, pos)) continue;
        if (keep && !keep(item)) continue;
        if (items.length === first) {
          more = true;
          break;
        }
        items.push(item);
      }
      const last = items[items.length - 1];
      return { items, pageInfo: { has_next_page: more, end_cursor: last ? paginate.encodeCursor(op, last) : null } };
    },
  },
});
