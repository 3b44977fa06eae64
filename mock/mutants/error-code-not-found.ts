/** 404 bodies use the code `not_found` instead of `resource_not_found` (C-BODY-2). */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'error-code-not-found',
  description: 'The error code of a 404 drifted to `not_found`.',
  replaces: 'errorMapper',
  clauses: ['C-BODY-2'],
  part: (error, rid) => {
    const mapped = errorMapper(error, rid);
    if (mapped.status === 404)
      mapped.body = { ...mapped.body, error: { code: 'not_found', message: error.message || 'Not found.' } };
    return mapped;
  },
});
