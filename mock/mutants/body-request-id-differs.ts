/** The success envelope generates its own request_id, unrelated to the X-Request-ID header (C-REQID-2). */
import { requestId } from '../parts/request-id.ts';
import { serialize } from '../parts/serialize.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'body-request-id-differs',
  description:
    'Success bodies carry a request_id generated separately from the X-Request-ID header, so the two differ.',
  replaces: 'serialize',
  clauses: ['C-REQID-2'],
  part: { ...serialize, envelope: (_rid, data, pageInfo) => serialize.envelope(requestId(undefined), data, pageInfo) },
});
