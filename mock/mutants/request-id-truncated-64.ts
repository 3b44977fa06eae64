/** Client X-Request-IDs are cut to 64 characters before being echoed (C-REQID-1). */
import { requestId } from '../parts/request-id.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'request-id-truncated-64',
  description:
    'The request-ID column is 64 characters wide: a valid X-Request-ID of 65–128 characters comes back truncated.',
  replaces: 'requestId',
  clauses: ['C-REQID-1'],
  part: (supplied) => requestId(supplied).slice(0, 64),
});
