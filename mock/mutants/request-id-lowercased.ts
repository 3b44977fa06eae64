/** The echoed X-Request-ID is normalised to lower case (C-REQID-1). */
import { requestId } from '../parts/request-id.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'request-id-lowercased',
  description:
    'The client X-Request-ID is lower-cased before it is echoed (the log pipeline normalises IDs), so "Trace-ABC" comes back as "trace-abc".',
  replaces: 'requestId',
  clauses: ['C-REQID-1', 'C-REQID-2'],
  part: (supplied) => requestId(supplied === undefined ? undefined : supplied.toLowerCase()),
});
