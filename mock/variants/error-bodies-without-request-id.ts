/** Error bodies omit the optional top-level request_id (C-REQID-2: "MAY carry"). */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineVariant } from './define.ts';

export default defineVariant({
  id: 'error-bodies-without-request-id',
  description:
    'Error bodies are exactly {error: {code, message}}; the request ID travels in the X-Request-ID header only.',
  replaces: 'errorMapper',
  clauses: ['C-REQID-2', 'C-BODY-2'],
  part: (error, rid) => {
    const mapped = errorMapper(error, rid);
    const { request_id: _omitted, ...body } = mapped.body;
    return { ...mapped, body };
  },
});
