/** Error responses carry a freshly generated X-Request-ID instead of the client's (C-REQID-1). */
import { errorMapper } from '../parts/error-mapper.ts';
import { requestId } from '../parts/request-id.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'request-id-not-echoed-on-errors',
  description:
    "The error path generates its own X-Request-ID (and drops request_id from the body), so a client's ID is echoed on successes only.",
  replaces: 'errorMapper',
  clauses: ['C-REQID-1'],
  part: (error, rid) => {
    const mapped = errorMapper(error, rid);
    const { request_id: _dropped, ...body } = mapped.body;
    return { ...mapped, headers: { ...mapped.headers, 'X-Request-ID': requestId(undefined) }, body };
  },
});
