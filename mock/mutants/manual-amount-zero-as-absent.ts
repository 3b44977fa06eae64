/** `manual_execute_amount: 0` is read as "no amount" by a truthiness test (C-VAL-4). */
import { validators } from '../parts/validators.ts';
import { defineMutant } from './define.ts';

export default defineMutant({
  id: 'manual-amount-zero-as-absent',
  description:
    'triggerRule validates manual_execute_amount only when it is truthy, so 0 passes as if absent and the rule runs (202 instead of 400).',
  replaces: 'validators',
  clauses: ['C-VAL-4'],
  part: {
    ...validators,
    triggerRule(ctx) {
      let b: unknown;
      try {
        b = JSON.parse(ctx.body ?? '');
      } catch {
        return validators.triggerRule(ctx);
      }
      if (
        typeof b !== 'object' ||
        b === null ||
        Array.isArray(b) ||
        (b as Record<string, unknown>).manual_execute_amount !== 0
      )
        return validators.triggerRule(ctx);
      const v = validators.triggerRule({ ...ctx, body: JSON.stringify({ ...b, manual_execute_amount: null }) });
      return v.ok ? { ok: true, value: { ...v.value, body: b } } : v;
    },
  },
});
