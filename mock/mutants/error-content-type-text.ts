/**
 * Error responses declare `content-type: text/plain` (C-BODY-1). The kernel always adds
 * `Content-Type: application/json` after the part's headers; the lower-case key here is a
 * second header line that comes first, as a framework default would, so clients see text/plain.
 */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'error-content-type-text',
  description: 'Error responses are sent with content-type text/plain (the JSON body is unchanged).',
  replaces: 'errorMapper',
  clauses: ['C-BODY-1'],
  part: (error, rid) => {
    const mapped = errorMapper(error, rid);
    return { ...mapped, headers: { 'content-type': 'text/plain; charset=utf-8', ...mapped.headers } };
  },
});
