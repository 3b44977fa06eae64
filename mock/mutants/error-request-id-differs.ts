/** Error bodies carry a request_id that differs from the X-Request-ID header (C-REQID-2). */
import { errorMapper } from '../parts/error-mapper.ts';
import { requestId } from '../parts/request-id.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'error-request-id-differs',
  description:
    "The error handler generates its own request_id for the body, so an error body's request_id differs from the X-Request-ID header.",
  replaces: 'errorMapper',
  clauses: ['C-REQID-2'],
  part: (error, rid) => {
    const r = errorMapper(error, rid);
    return { ...r, body: { ...r.body, request_id: requestId(undefined) } };
  },
});
