/** triggerRule accepts `manual_execute_amount: "500"` (C-VAL-4). */
import { validators } from '../parts/validators.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'trigger-amount-string-accepted',
  description:
    'manual_execute_amount goes through parseInt, so a string like "500" (or "12abc") is accepted instead of refused with 400.',
  replaces: 'validators',
  clauses: ['C-VAL-4'],
  part: {
    ...validators,
    triggerRule(ctx) {
      try {
        const b = JSON.parse(ctx.body ?? '') as Record<string, unknown>;
        if (b && typeof b === 'object' && typeof b.manual_execute_amount === 'string') {
          const n = parseInt(b.manual_execute_amount, 10);
          if (Number.isFinite(n) && n >= 1)
            return validators.triggerRule({ ...ctx, body: JSON.stringify({ ...b, manual_execute_amount: n }) });
        }
      } catch {
        /* the default reports it */
      }
      return validators.triggerRule(ctx);
    },
  },
});
