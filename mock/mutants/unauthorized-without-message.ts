/** 401 bodies carry only the error code, no message (C-BODY-2). */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'unauthorized-without-message',
  description: 'The authentication middleware answers 401 with {error: {code: "unauthorized"}}: no message.',
  replaces: 'errorMapper',
  // The schema check reports the missing member under C-BODY-1.
  clauses: ['C-BODY-2', 'C-BODY-1'],
  part: (error, rid) => {
    const mapped = errorMapper(error, rid);
    if (mapped.status === 401) mapped.body = { ...mapped.body, error: { code: 'unauthorized' } };
    return mapped;
  },
});
