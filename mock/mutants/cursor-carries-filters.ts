/** A cursor names a server-side session holding the filters of its first page: reused with other filters, it applies the old ones (C-LIST-1). */
import { randomBytes } from 'node:crypto';
import { paginate, type Paginate } from '../parts/paginate.ts';
import type { CursorPos } from '../types.ts';
import { defineMutant } from './define.ts';

type Keep = Parameters<Paginate['page']>[2];
const sessions = new Map<string, Keep>();

const part: Paginate = {
  page(op, base, keep, first, after) {
    const session = (after as (CursorPos & { session?: string }) | undefined)?.session;
    const kept = session !== undefined && sessions.has(session) ? (sessions.get(session) as typeof keep) : keep;
    const page = paginate.page(op, base, kept, first, after);
    const end = page.pageInfo.end_cursor;
    if (end === null) return page;
    const next = session ?? randomBytes(6).toString('hex');
    sessions.set(next, kept as Keep);
    return { ...page, pageInfo: { ...page.pageInfo, end_cursor: `${end}~${next}` } };
  },
  encodeCursor: (op, item) => paginate.encodeCursor(op, item),
  decodeCursor(op, cursor) {
    const [main, session] = cursor.split('~');
    const pos = paginate.decodeCursor(op, main ?? '');
    return pos && session ? ({ ...pos, session } as CursorPos) : pos;
  },
};

export default defineMutant({
  id: 'cursor-carries-filters',
  description:
    'end_cursor names a paging session that keeps the filters of the first page: a cursor sent again with other filters (another role, direction or account) returns items of the old filters.',
  replaces: 'paginate',
  clauses: ['C-LIST-1'],
  part,
});
