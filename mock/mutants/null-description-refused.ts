/** createTransfer refuses `description: null` (C-VAL-3: null is the same as none). */
import { validators } from '../parts/validators.ts';
import { fail } from '../types.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'null-description-refused',
  description:
    'description is checked with `"description" in body && typeof description !== "string"`, so an explicit null is refused with 400.',
  replaces: 'validators',
  clauses: ['C-VAL-3', 'C-STATE-1'],
  part: {
    ...validators,
    createTransfer(ctx) {
      try {
        const b = JSON.parse(ctx.body ?? '') as Record<string, unknown>;
        if (b && typeof b === 'object' && 'description' in b && b.description === null)
          return fail('invalid_request', 'description must be a string.');
      } catch {
        /* the default reports it */
      }
      return validators.createTransfer(ctx);
    },
  },
});
