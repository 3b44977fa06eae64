/** Validation errors carry a generated X-Request-ID instead of the client's (C-REQID-1). */
import { errorMapper } from '../parts/error-mapper.ts';
import { requestId } from '../parts/request-id.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'request-id-not-echoed-on-400',
  description:
    "400 invalid_request answers are written by the validation layer, before the request-ID middleware: they carry a fresh generated X-Request-ID (header and body), not the client's.",
  replaces: 'errorMapper',
  clauses: ['C-REQID-1'],
  part: (error, rid) =>
    error.kind === 'invalid_request' ? errorMapper(error, requestId(undefined)) : errorMapper(error, rid),
});
