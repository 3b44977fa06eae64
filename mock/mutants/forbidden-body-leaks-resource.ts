/** 403 bodies carry the object that was refused, for "debugging" (C-PERM-8). */
import { errorMapper } from '../parts/error-mapper.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'forbidden-body-leaks-resource',
  description: 'A 403 on an object-addressed resource adds the object itself to the error body as `resource`.',
  replaces: 'errorMapper',
  clauses: ['C-PERM-8'],
  part: (error, requestId) => {
    const mapped = errorMapper(error, requestId);
    if (error.kind === 'forbidden' && error.subject !== undefined)
      mapped.body = { ...mapped.body, resource: error.subject };
    return mapped;
  },
});
