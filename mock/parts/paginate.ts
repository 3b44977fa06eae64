/**
 * `paginate` part (C-LIST-3): newest first (created_at descending, ties by id descending),
 * `first` items per page, keyset cursors. A cursor names the position of the page's last item
 * and the operation it was issued for, signed with a per-process key, so cursors of another
 * operation or made up by the client are refused (C-VAL-2).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { CursorPos, Dated, OperationId, PageInfo } from '../types.ts';

/** One page and its `page_info`. */
export interface Page<T> {
  items: T[];
  pageInfo: PageInfo;
}

/** Paging and cursors. */
export interface Paginate {
  page<T extends Dated>(
    op: OperationId,
    base: readonly T[],
    keep: ((item: T) => boolean) | undefined,
    first: number,
    after: CursorPos | undefined,
  ): Page<T>;
  encodeCursor(op: OperationId, item: Dated): string;
  /** The position a cursor names, or undefined when this server did not issue it for `op`. */
  decodeCursor(op: OperationId, cursor: string): CursorPos | undefined;
}

const KEY = randomBytes(32);

function mac(payload: string): string {
  return createHmac('sha256', KEY).update(payload).digest('base64url').slice(0, 22);
}

/** Index of the last item of `base` strictly before `pos` in ascending (createdMs, id) order, or -1. */
function lastBefore<T extends Dated>(base: readonly T[], pos: CursorPos): number {
  let lo = 0;
  let hi = base.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = base[mid] as T;
    if (m.createdMs < pos.createdMs || (m.createdMs === pos.createdMs && m.id < pos.id)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Default pagination. */
export const paginate: Paginate = {
  page(op, base, keep, first, after) {
    const items: (typeof base)[number][] = [];
    let i = after ? lastBefore(base, after) : base.length - 1;
    let more = false;
    for (; i >= 0; i--) {
      const item = base[i] as (typeof base)[number];
      if (keep && !keep(item)) continue;
      if (items.length === first) {
        more = true;
        break;
      }
      items.push(item);
    }
    const last = items[items.length - 1];
    return { items, pageInfo: { has_next_page: more, end_cursor: last ? this.encodeCursor(op, last) : null } };
  },
  encodeCursor(op, item) {
    const payload = `${op}|${item.createdMs}|${item.id}`;
    return `${Buffer.from(payload).toString('base64url')}.${mac(payload)}`;
  },
  decodeCursor(op, cursor) {
    if (cursor.length === 0 || cursor.length > 512) return undefined;
    const dot = cursor.indexOf('.');
    if (dot <= 0) return undefined;
    const payload = Buffer.from(cursor.slice(0, dot), 'base64url').toString();
    if (mac(payload) !== cursor.slice(dot + 1)) return undefined;
    const [cop, ms, id] = payload.split('|');
    if (cop !== op || id === undefined || !/^[0-9]+$/.test(ms ?? '')) return undefined;
    return { createdMs: Number(ms), id };
  },
};
