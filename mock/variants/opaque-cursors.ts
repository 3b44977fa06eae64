/** Cursors are AES-256-GCM-encrypted positions: longer, opaque, still bound to the operation (C-VAL-2, C-LIST-3). */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { paginate, type Paginate } from '../parts/paginate.ts';
import type { OperationId } from '../types.ts';
import { defineVariant } from './define.ts';

const KEY = randomBytes(32);

function seal(text: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', KEY, iv);
  const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
  return `ck2_${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url')}`;
}

function open(cursor: string): string | undefined {
  if (!cursor.startsWith('ck2_') || cursor.length > 1024) return undefined;
  const raw = Buffer.from(cursor.slice(4), 'base64url');
  if (raw.length < 29) return undefined;
  try {
    const d = createDecipheriv('aes-256-gcm', KEY, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

const part: Paginate = {
  page(op, base, keep, first, after) {
    const p = paginate.page(op, base, keep, first, after);
    const last = p.items[p.items.length - 1];
    return {
      items: p.items,
      pageInfo: { has_next_page: p.pageInfo.has_next_page, end_cursor: last ? part.encodeCursor(op, last) : null },
    };
  },
  encodeCursor: (op, item) => seal(JSON.stringify([op, item.createdMs, item.id, randomBytes(6).toString('hex')])),
  decodeCursor(op: OperationId, cursor: string) {
    const text = open(cursor);
    if (text === undefined) return undefined;
    try {
      const [cop, ms, id] = JSON.parse(text) as [string, number, string];
      return cop === op && Number.isSafeInteger(ms) && typeof id === 'string' ? { createdMs: ms, id } : undefined;
    } catch {
      return undefined;
    }
  },
};

export default defineVariant({
  id: 'opaque-cursors',
  description:
    'end_cursor is an encrypted, randomized blob (ck2_…, ~90 characters); a cursor of another operation or a forged one fails to decrypt or names the wrong operation (400).',
  replaces: 'paginate',
  clauses: ['C-VAL-2', 'C-LIST-3'],
  part,
});
