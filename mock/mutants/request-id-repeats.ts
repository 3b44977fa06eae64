/** Generated request IDs come from a counter modulo 5, so they repeat (C-REQID-3). */
import { requestId } from '../parts/request-id.ts';
import type { RequestIdPart } from '../parts/request-id.ts';
import { defineMutant } from './define.ts';

let n = 0;
const part: RequestIdPart = (supplied) =>
  supplied !== undefined && requestId(supplied) === supplied ? supplied : `req_${String(n++ % 5).padStart(6, '0')}`;

export default defineMutant({
  id: 'request-id-repeats',
  description:
    'Without a client X-Request-ID the server generates req_000000..req_000004 in turn, so generated IDs repeat.',
  replaces: 'requestId',
  clauses: ['C-REQID-3'],
  part,
});
