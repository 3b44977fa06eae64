/** A cursor issued for one list operation is accepted by every other (C-VAL-2). */
import { paginate } from '../parts/paginate.ts';
import type { OperationId } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'cursor-any-operation',
  description:
    'Cursors are verified, but not against the operation: listTransfers accepts a listRuleExecutions cursor (200 instead of 400).',
  replaces: 'paginate',
  clauses: ['C-VAL-2'],
  part: {
    ...paginate,
    decodeCursor(op, cursor) {
      const own = paginate.decodeCursor(op, cursor);
      if (own) return own;
      const dot = cursor.indexOf('.');
      if (dot <= 0) return undefined;
      const issuedFor = Buffer.from(cursor.slice(0, dot), 'base64url').toString().split('|')[0];
      return issuedFor ? paginate.decodeCursor(issuedFor as OperationId, cursor) : undefined;
    },
  },
});
