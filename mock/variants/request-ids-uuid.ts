/** Generated request IDs are `req_` + a random UUID (C-REQID-3 asks only for uniqueness and the prefix). */
import { randomUUID } from 'node:crypto';
import { isValidRequestId } from '../parts/request-id.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'request-ids-uuid',
  description:
    'Without a valid client X-Request-ID the server generates req_<uuid v4>, e.g. req_3b241101-e2bb-4255-8caf-4136c566a962.',
  replaces: 'requestId',
  clauses: ['C-REQID-3'],
  part: (supplied) => (supplied !== undefined && isValidRequestId(supplied) ? supplied : `req_${randomUUID()}`),
});
