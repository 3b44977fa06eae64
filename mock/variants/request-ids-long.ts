/** Generated request IDs are 128 characters long (the maximum C-REQID-1 allows a client; C-REQID-3 sets no length). */
import { randomBytes } from 'node:crypto';
import { defineVariant } from './define.ts';
import { isValidRequestId } from '../parts/request-id.ts';

let n = 0;
export default defineVariant({
  id: 'request-ids-long',
  description: 'Generated request IDs are req_ + 124 characters (a trace ID, a span ID and a counter, hex).',
  replaces: 'requestId',
  clauses: ['C-REQID-3'],
  part: (supplied) =>
    supplied !== undefined && isValidRequestId(supplied)
      ? supplied
      : `req_${randomBytes(58).toString('hex')}${(n++).toString(16).padStart(8, '0')}`,
});
