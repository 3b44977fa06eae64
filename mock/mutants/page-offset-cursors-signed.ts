/** Opaque, signed cursors that hold an offset: fine on a list that stands still, wrong once an item is created while a client pages (C-LIST-3). */
import { paginate, type Paginate } from '../parts/paginate.ts';
import type { Dated } from '../types.ts';
import { defineMutant } from './define.ts';

const OFFSET_ID = '\u0000offset';

const part: Paginate = {
  page(op, base, keep, first, after) {
    const skip = after && after.id === OFFSET_ID ? after.createdMs : 0;
    const items: (typeof base)[number][] = [];
    let seen = 0;
    let more = false;
    for (let i = base.length - 1; i >= 0; i--) {
      const item = base[i] as (typeof base)[number];
      if (keep && !keep(item)) continue;
      if (seen++ < skip) continue;
      if (items.length === first) {
        more = true;
        break;
      }
      items.push(item);
    }
    const end = items.length ? paginate.encodeCursor(op, { createdMs: skip + items.length, id: OFFSET_ID }) : null;
    return { items, pageInfo: { has_next_page: more, end_cursor: end } };
  },
  encodeCursor: (op, item: Dated) => paginate.encodeCursor(op, item),
  decodeCursor: (op, cursor) => paginate.decodeCursor(op, cursor),
};

export default defineMutant({
  id: 'page-offset-cursors-signed',
  description:
    'Offset pagination behind opaque, signed, per-operation cursors (LIMIT/OFFSET in SQL): a list that stands still pages right, but a transfer or execution created between two pages pushes older items down, so one comes twice.',
  replaces: 'paginate',
  clauses: ['C-LIST-3'],
  part,
});
