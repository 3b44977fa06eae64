/** Any client X-Request-ID is echoed, invalid ones too (C-REQID-4, SHOULD). */
import { requestId } from '../parts/request-id.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'request-id-invalid-echoed',
  description:
    'The client X-Request-ID is echoed without validation: empty, over-long or space/tab-holding values come back instead of a generated ID.',
  replaces: 'requestId',
  clauses: ['C-REQID-4'],
  part: (supplied) => (supplied !== undefined ? supplied : requestId(undefined)),
});
