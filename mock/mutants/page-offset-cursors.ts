/** Cursors are plain offsets (): a transfer created during a walk shifts the list, so items repeat (C-LIST-3). */
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
    return {
      items,
      pageInfo: { has_next_page: more, end_cursor: items.length ? `${op}:${skip + items.length}` : null },
    };
  },
  encodeCursor: (op, item: Dated) => paginate.encodeCursor(op, item),
  decodeCursor(op, cursor) {
    const m = /^([A-Za-z]+):([1-9][0-9]{0,8})$/.exec(cursor);
    return m && m[1] === op ? { createdMs: Number(m[2]), id: OFFSET_ID } : undefined;
  },
};

export default defineMutant({
  id: 'page-offset-cursors',
  description:
    'Offset pagination: end_cursor is `<operationId>:<offset>` (e.g. listTransfers:40), counted over the filtered list, newest first; a cursor of another operation is 400. Items created while a client pages push older ones down, so the walk returns some twice.',
  replaces: 'paginate',
  clauses: ['C-LIST-3'],
  part,
});
