/** createTransfer accepts `amount_in_cents: "500"` (C-VAL-3). */
import { validators } from '../parts/validators.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'amount-numeric-string-accepted',
  description:
    'amount_in_cents is coerced with Number(), so a numeric string like "500" is accepted instead of refused with 400.',
  replaces: 'validators',
  clauses: ['C-VAL-3'],
  part: {
    ...validators,
    createTransfer(ctx) {
      try {
        const b = JSON.parse(ctx.body ?? '') as Record<string, unknown>;
        if (b && typeof b === 'object' && typeof b.amount_in_cents === 'string' && /^[0-9]+$/.test(b.amount_in_cents))
          return validators.createTransfer({
            ...ctx,
            body: JSON.stringify({ ...b, amount_in_cents: Number(b.amount_in_cents) }),
          });
      } catch {
        /* the default reports it */
      }
      return validators.createTransfer(ctx);
    },
  },
});
