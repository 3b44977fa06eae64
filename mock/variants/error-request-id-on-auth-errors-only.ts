/** Only 401 and 403 bodies carry the optional top-level request_id (C-REQID-2: an error body MAY carry it). */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'error-request-id-on-auth-errors-only',
  description: 'Error bodies of 401 and 403 carry request_id (equal to the header); 400, 404 and 409 bodies do not.',
  replaces: 'errorMapper',
  clauses: ['C-REQID-2', 'C-BODY-2'],
  part: (error, rid) => {
    const mapped = errorMapper(error, rid);
    if (mapped.status === 401 || mapped.status === 403) return mapped;
    const { request_id: _omitted, ...body } = mapped.body;
    return { ...mapped, body };
  },
});
