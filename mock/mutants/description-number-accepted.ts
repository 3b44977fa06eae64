/** createTransfer accepts a non-string description (a number) (C-VAL-3). */
import { validators } from '../parts/validators.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'description-number-accepted',
  description:
    'description is stringified with String() instead of type-checked, so description: 42 is accepted as "42".',
  replaces: 'validators',
  clauses: ['C-VAL-3'],
  part: {
    ...validators,
    createTransfer(ctx) {
      try {
        const b = JSON.parse(ctx.body ?? '') as Record<string, unknown>;
        if (
          b &&
          typeof b === 'object' &&
          !Array.isArray(b) &&
          b.description !== undefined &&
          b.description !== null &&
          typeof b.description !== 'string'
        )
          return validators.createTransfer({
            ...ctx,
            body: JSON.stringify({ ...b, description: JSON.stringify(b.description) }),
          });
      } catch {
        /* the default reports it */
      }
      return validators.createTransfer(ctx);
    },
  },
});
