/** page_info also carries Relay's has_previous_page and start_cursor. */
import { paginate, type Paginate } from '../parts/paginate.ts';
import { defineVariant } from './define.ts';

const part: Paginate = {
  ...paginate,
  page(op, base, keep, first, after) {
    const p = paginate.page(op, base, keep, first, after);
    const head = p.items[0];
    const pageInfo = {
      ...p.pageInfo,
      has_previous_page: after !== undefined,
      start_cursor: head ? paginate.encodeCursor(op, head) : null,
    };
    return { items: p.items, pageInfo };
  },
};

export default defineVariant({
  id: 'page-info-relay-fields',
  description: 'page_info is Relay-style: has_next_page and end_cursor plus has_previous_page and start_cursor.',
  replaces: 'paginate',
  clauses: ['C-LIST-3'],
  part,
});
